package dev.oktaprov.onboarding;

import dev.oktaprov.entrypoints.sqs.SqsEvent;
import dev.oktaprov.entrypoints.sqs.SqsMessage;
import dev.oktaprov.entrypoints.sqs.SqsMessageAttribute;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One record of the SQS event, with what the function needs of it.
 *
 * @param receiveCount {@code ApproximateReceiveCount}: 1 on the first delivery
 * @param groupId {@code MessageGroupId} on FIFO queues, else null
 * @param messageAttributes the message's attributes, ready to be sent on: the producer's (those an
 *     earlier copy carried packed included) and this function's bookkeeping on a copy
 */
record QueueMessage(
        String messageId,
        String receiptHandle,
        String body,
        int receiveCount,
        String groupId,
        Map<String, SqsMessageAttribute> messageAttributes) {

    QueueMessage {
        Objects.requireNonNull(messageId, "messageId");
        messageAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(messageAttributes));
    }

    static QueueMessage of(SqsMessage record) {
        return new QueueMessage(record.messageId(), record.receiptHandle(), record.body(),
                receiveCount(record.attribute(SqsMessage.APPROXIMATE_RECEIVE_COUNT)), record.attribute(SqsMessage.MESSAGE_GROUP_ID),
                CarriedAttributes.unpack(messageAttributes(record.messageAttributes())));
    }

    /** A message attribute's text (String and Number attributes), or null. */
    String attributeText(String name) {
        SqsMessageAttribute value = messageAttributes.get(name);
        return value == null ? null : value.stringValue();
    }

    private static int receiveCount(String raw) {
        try {
            return raw == null ? 1 : Math.max(1, Integer.parseInt(raw.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static Map<String, SqsMessageAttribute> messageAttributes(Map<String, SqsMessageAttribute> source) {
        Map<String, SqsMessageAttribute> converted = new LinkedHashMap<>();
        source.forEach((name, attribute) -> {
            if (attribute.stringValue() != null) {
                converted.put(name, new SqsMessageAttribute(attribute.dataType(), attribute.stringValue(), null));
            } else if (attribute.binaryValue() != null) {
                converted.put(name, attribute);
            }
            // List values are reserved by SQS and never delivered; nothing to carry.
        });
        return converted;
    }

    static List<QueueMessage> allOf(SqsEvent event) {
        return event.records().stream().map(QueueMessage::of).toList();
    }
}
