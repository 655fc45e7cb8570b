package dev.oktaprov.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

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
        Map<String, MessageAttributeValue> messageAttributes) {

    QueueMessage {
        Objects.requireNonNull(messageId, "messageId");
        messageAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(messageAttributes));
    }

    static QueueMessage of(SQSEvent.SQSMessage record) {
        Map<String, String> attributes = record.getAttributes() == null ? Map.of() : record.getAttributes();
        return new QueueMessage(record.getMessageId(), record.getReceiptHandle(), record.getBody(),
                receiveCount(attributes.get("ApproximateReceiveCount")), attributes.get("MessageGroupId"),
                CarriedAttributes.unpack(messageAttributes(record.getMessageAttributes())));
    }

    /** A message attribute's text (String and Number attributes), or null. */
    String attributeText(String name) {
        MessageAttributeValue value = messageAttributes.get(name);
        return value == null ? null : value.stringValue();
    }

    private static int receiveCount(String raw) {
        try {
            return raw == null ? 1 : Math.max(1, Integer.parseInt(raw.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static Map<String, MessageAttributeValue> messageAttributes(Map<String, SQSEvent.MessageAttribute> source) {
        Map<String, MessageAttributeValue> converted = new LinkedHashMap<>();
        if (source == null) {
            return converted;
        }
        source.forEach((name, attribute) -> {
            if (attribute == null || attribute.getDataType() == null) {
                return;
            }
            MessageAttributeValue.Builder value = MessageAttributeValue.builder().dataType(attribute.getDataType());
            if (attribute.getStringValue() != null) {
                value.stringValue(attribute.getStringValue());
            } else if (attribute.getBinaryValue() != null) {
                value.binaryValue(bytes(attribute.getBinaryValue()));
            } else {
                // List values are reserved by SQS and never delivered; nothing to carry.
                return;
            }
            converted.put(name, value.build());
        });
        return converted;
    }

    private static SdkBytes bytes(ByteBuffer buffer) {
        return SdkBytes.fromByteBuffer(buffer.duplicate());
    }

    /** Every record of the event, in order. */
    static List<QueueMessage> allOf(SQSEvent event) {
        if (event == null || event.getRecords() == null) {
            return List.of();
        }
        return event.getRecords().stream().map(QueueMessage::of).toList();
    }
}
