package dev.oktaprov.bench.probe;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * The serializer choice of the Lambda Java runtime: a Lambda event class (SQSEvent, …) gets the
 * runtime's event serializer with its mixins, anything else (a {@code Map}, a POJO) its Jackson.
 */
final class RuntimeSerializers {

    private RuntimeSerializers() {}

    interface Serializer {
        Object fromJson(InputStream json);

        void toJson(Object value, OutputStream json);
    }

    record HandlerTypes(Type input, Type output) {}

    /** The {@code I} and {@code O} of the {@code RequestHandler<I, O>} that {@code type} implements. */
    static HandlerTypes handlerTypes(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type implemented : c.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    return new HandlerTypes(p.getActualTypeArguments()[0], p.getActualTypeArguments()[1]);
                }
            }
        }
        throw new IllegalArgumentException(type.getName() + " does not name RequestHandler's type arguments");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Serializer forType(Type type, ClassLoader loader) {
        PojoSerializer serializer;
        if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
            serializer = LambdaEventSerializers.serializerFor((Class) c, loader);
        } else {
            serializer = JacksonFactory.getInstance().getSerializer(type);
        }
        return new Serializer() {
            @Override
            public Object fromJson(InputStream json) {
                return serializer.fromJson(json);
            }

            @Override
            public void toJson(Object value, OutputStream json) {
                serializer.toJson(value, json);
            }
        };
    }
}
