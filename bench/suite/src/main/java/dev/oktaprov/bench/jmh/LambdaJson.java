package dev.oktaprov.bench.jmh;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

/**
 * The Lambda Java runtime's serializers for one input and one output type, chosen as the runtime
 * chooses them: its event serializer (with mixins) for Lambda event classes, its Jackson otherwise.
 */
final class LambdaJson<I, O> {

    private final PojoSerializer<I> input;
    private final PojoSerializer<O> output;

    private LambdaJson(PojoSerializer<I> input, PojoSerializer<O> output) {
        this.input = input;
        this.output = output;
    }

    static <I, O> LambdaJson<I, O> of(Class<I> inputType, Class<O> outputType) {
        return new LambdaJson<>(serializer(inputType), serializer(outputType));
    }

    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        ClassLoader loader = LambdaJson.class.getClassLoader();
        return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                ? LambdaEventSerializers.serializerFor(type, loader)
                : JacksonFactory.getInstance().getSerializer(type);
    }

    I read(byte[] json) {
        return input.fromJson(new ByteArrayInputStream(json));
    }

    byte[] write(O value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        output.toJson(value, out);
        return out.toByteArray();
    }
}
