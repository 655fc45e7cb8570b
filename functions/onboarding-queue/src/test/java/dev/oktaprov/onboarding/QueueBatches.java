package dev.oktaprov.onboarding;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.oktaprov.local.sqs.LocalSqs;
import dev.oktaprov.local.sqs.QueuePair;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Batches as Lambda hands them over, made from messages really on a queue: sent, received once
 * (receipt handles and receive counts are SQS's), then turned into the event's records. The
 * function's re-sends, visibility changes and DLQ sends then act on real queues.
 */
final class QueueBatches {

    private QueueBatches() {}

    /** Sends each body with the given message attributes, then receives them all as one batch. */
    static SQSEvent sentAndReceived(LocalSqs sqs, QueuePair queue, List<String> bodies,
            Map<String, MessageAttributeValue> attributes) {
        for (String body : bodies) {
            sqs.client().sendMessage(b -> b.queueUrl(queue.queueUrl()).messageBody(body).messageAttributes(attributes));
        }
        List<Message> received = new ArrayList<>();
        while (received.size() < bodies.size()) {
            received.addAll(sqs.client().receiveMessage(b -> b.queueUrl(queue.queueUrl()).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).visibilityTimeout(60)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages());
        }
        // Batch order is send order, as the tests reason about it.
        received.sort((a, b) -> Integer.compare(bodies.indexOf(a.body()), bodies.indexOf(b.body())));
        return event(received, queue.queueArn(), sqs.region());
    }

    static SQSEvent sentAndReceived(LocalSqs sqs, QueuePair queue, List<String> bodies) {
        return sentAndReceived(sqs, queue, bodies, Map.of());
    }

    static SQSEvent event(List<Message> messages, String queueArn, String region) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setAttributes(new HashMap<>(message.attributesAsStrings()));
            Map<String, SQSEvent.MessageAttribute> attributes = new HashMap<>();
            message.messageAttributes().forEach((name, value) -> attributes.put(name, attribute(value)));
            record.setMessageAttributes(attributes);
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion(region);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static SQSEvent.MessageAttribute attribute(MessageAttributeValue value) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType(value.dataType());
        attribute.setStringValue(value.stringValue());
        if (value.binaryValue() != null) {
            attribute.setBinaryValue(ByteBuffer.wrap(value.binaryValue().asByteArray()));
        }
        return attribute;
    }
}
