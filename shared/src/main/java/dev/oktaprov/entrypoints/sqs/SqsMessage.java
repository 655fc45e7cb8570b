package dev.oktaprov.entrypoints.sqs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record of an SQS event, the fields a function uses.
 *
 * @param attributes the system attributes SQS returned, by their wire names:
 *     {@code ApproximateReceiveCount}, {@code MessageGroupId} (FIFO), {@code AWSTraceHeader}, …
 * @param messageAttributes the producer's message attributes, in the event's order
 * @param eventSourceArn the queue's ARN ({@code eventSourceARN})
 */
public record SqsMessage(String messageId, String receiptHandle, String body, Map<String, String> attributes,
        Map<String, SqsMessageAttribute> messageAttributes, String eventSourceArn) {

    public static final String APPROXIMATE_RECEIVE_COUNT = "ApproximateReceiveCount";
    public static final String MESSAGE_GROUP_ID = "MessageGroupId";

    public SqsMessage {
        Objects.requireNonNull(messageId, "messageId");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes == null ? Map.of() : attributes));
        messageAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(messageAttributes == null ? Map.of() : messageAttributes));
    }

    /** A system attribute, or null. */
    public String attribute(String name) {
        return attributes.get(name);
    }

    /** Without the body and the attributes' values: they are the producer's data. */
    @Override
    public String toString() {
        return "SqsMessage[" + messageId + ", attributes=" + attributes.keySet() + ", messageAttributes="
                + messageAttributes.keySet() + "]";
    }
}
