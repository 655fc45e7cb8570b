package dev.oktaprov.testsupport;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

/**
 * An SQS stream handler invoked with an event built as {@code aws-lambda-java-events}' {@link SQSEvent}:
 * the Lambda Java runtime's own event serializer writes it as the JSON Lambda hands over
 * ({@code Records}, {@code eventSourceARN}, {@code messageAttributes} with {@code stringValue} and
 * {@code dataType}, …) and reads the handler's partial batch response back. The judge of the JSON is
 * AWS's library, not this project's reader.
 */
public final class SqsInvocation {

    private static final PojoSerializer<SQSEvent> EVENTS =
            LambdaEventSerializers.serializerFor(SQSEvent.class, SqsInvocation.class.getClassLoader());
    private static final PojoSerializer<SQSBatchResponse> RESPONSES =
            JacksonFactory.getInstance().getSerializer(SQSBatchResponse.class);

    private SqsInvocation() {}

    public static SQSBatchResponse invoke(RequestStreamHandler handler, SQSEvent event, Context context) {
        return response(StreamInvocation.invoke(handler, json(event), context));
    }

    /** The event as Lambda's JSON. */
    public static byte[] json(SQSEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EVENTS.toJson(event, out);
        return out.toByteArray();
    }

    public static SQSEvent event(byte[] json) {
        return EVENTS.fromJson(new ByteArrayInputStream(json));
    }

    /** A partial batch response as the runtime reads it; null for a JSON null. */
    public static SQSBatchResponse response(byte[] json) {
        return RESPONSES.fromJson(new ByteArrayInputStream(json));
    }

    public static byte[] json(SQSBatchResponse response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RESPONSES.toJson(response, out);
        return out.toByteArray();
    }
}
