package dev.oktaprov.local.api;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Event JSON in, response JSON out, through the serializer the Lambda Java runtime picks for a
 * handler whose types are not Lambda event classes ({@code Map} here): its POJO serializer, chosen by
 * the types the handler declares for {@code RequestHandler<I, O>}.
 */
public final class LambdaSerialization<I, O> {

    private final PojoSerializer<Object> input;
    private final PojoSerializer<Object> output;

    private LambdaSerialization(Type inputType, Type outputType) {
        this.input = JacksonFactory.getInstance().getSerializer(inputType);
        this.output = JacksonFactory.getInstance().getSerializer(outputType);
    }

    public static <I, O> LambdaSerialization<I, O> forHandler(RequestHandler<I, O> handler) {
        Type[] types = requestHandlerTypes(handler.getClass());
        return new LambdaSerialization<>(types[0], types[1]);
    }

    @SuppressWarnings("unchecked")
    public I event(String json) {
        return (I) input.fromJson(json);
    }

    /** The response as Lambda hands it to API Gateway: JSON text ({@code null} for a null response). */
    public String responseJson(O response) {
        if (response == null) {
            return "null";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        output.toJson(response, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The I and O the class (or a superclass) gives {@code RequestHandler}; Object when it leaves them open. */
    private static Type[] requestHandlerTypes(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type implemented : c.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType parameterized
                        && parameterized.getRawType() == RequestHandler.class) {
                    return parameterized.getActualTypeArguments();
                }
            }
        }
        return new Type[] {Object.class, Object.class};
    }
}
