package dev.oktaprov.local.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Event in, response out, through the serializers the Lambda Java runtime uses: Lambda's own
 * event serializers for the types it knows, its POJO serializer for the rest. What a handler
 * receives and returns here is what it would receive and return in Lambda.
 */
final class LambdaRuntimeSerialization {

    private final PojoSerializer<SQSEvent> eventSerializer;
    private final PojoSerializer<SQSBatchResponse> responseSerializer;

    /**
     * @throws IllegalStateException when Lambda's runtime could not deserialize an SQS event for a
     *     handler on this class path either
     */
    LambdaRuntimeSerialization(ClassLoader handlerClassLoader) {
        try {
            this.eventSerializer = serializerFor(SQSEvent.class, handlerClassLoader);
            this.responseSerializer = serializerFor(SQSBatchResponse.class, handlerClassLoader);
        } catch (RuntimeException e) {
            if (isMissingJoda(e)) {
                throw new IllegalStateException("Lambda's Java runtime could not deserialize an SQSEvent for this "
                        + "handler: its event serializer loads org.joda.time.DateTime from the handler's class path "
                        + "for every event type, and joda-time is not there. The function jar must include "
                        + "joda-time (aws/aws-lambda-java-libs#72).", e);
            }
            throw e;
        }
    }

    SQSEvent event(String json) {
        return eventSerializer.fromJson(json);
    }

    /** The response as Lambda would read it; {@code null} for a handler that returned null. */
    String responseJson(SQSBatchResponse response) {
        if (response == null) {
            return "null";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        responseSerializer.toJson(response, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isMissingJoda(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClassNotFoundException && String.valueOf(cause.getMessage()).contains("org.joda.time")) {
                return true;
            }
        }
        return false;
    }

    // The runtime's choice, by the handler's declared type.
    private static <T> PojoSerializer<T> serializerFor(Class<T> type, ClassLoader classLoader) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return LambdaEventSerializers.serializerFor(type, classLoader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }
}
