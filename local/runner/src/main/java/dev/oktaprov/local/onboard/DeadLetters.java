package dev.oktaprov.local.onboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The DLQ's messages that came from one run, with their reasons, read without removing them: each is
 * received and at once made visible again (so it stays for a redrive; its receive count goes up,
 * which on a DLQ without a RedrivePolicy of its own changes nothing).
 */
final class DeadLetters {

    static final String ERROR_CODE = "errorCode";
    static final String ERROR_MESSAGE = "errorMessage";
    /** The function's link to the message the producer sent, through re-sends. */
    static final String ORIGINAL_MESSAGE_ID = "originalMessageId";
    static final String SOURCE_MESSAGE_ID = "sourceMessageId";
    /** Moved by SQS redrive after maxReceiveCount receives: the function gave no reason. */
    static final String REDRIVEN = "MAX_RECEIVES";

    private static final int HOLD_SECONDS = 30;

    /**
     * What was read: this run's dead letters by line, and how many other messages the DLQ holds.
     */
    record Report(List<DeadLetter> ofThisRun, int others) {
    }

    private DeadLetters() {}

    /**
     * @param lineByMessageId the run's messages as sent
     * @param waitSeconds long-poll time per receive: 0 for ElasticMQ (exact), 1 for SQS, whose
     *     short polls sample only some of its servers
     */
    static Report read(SqsClient sqs, String dlqUrl, Map<String, Integer> lineByMessageId, int waitSeconds) {
        List<Message> messages = new ArrayList<>();
        for (List<Message> batch = receive(sqs, dlqUrl, waitSeconds); !batch.isEmpty();
                batch = receive(sqs, dlqUrl, waitSeconds)) {
            messages.addAll(batch);
        }
        release(sqs, dlqUrl, messages);
        List<DeadLetter> ofThisRun = new ArrayList<>();
        int others = 0;
        for (Message message : messages) {
            Integer line = lineOf(message, lineByMessageId);
            if (line == null) {
                others++;
                continue;
            }
            String code = text(message, ERROR_CODE);
            String reason = text(message, ERROR_MESSAGE);
            if (code == null) {
                code = REDRIVEN;
                reason = "moved by SQS after " + message.attributes().getOrDefault(
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "?") + " receives without success";
            }
            ofThisRun.add(new DeadLetter(line, code, reason == null ? "" : reason));
        }
        ofThisRun.sort(Comparator.comparingInt(DeadLetter::line));
        return new Report(ofThisRun, others);
    }

    private static Integer lineOf(Message message, Map<String, Integer> lineByMessageId) {
        for (String id : new String[] {text(message, ORIGINAL_MESSAGE_ID), text(message, SOURCE_MESSAGE_ID),
                message.messageId()}) {
            if (id != null && lineByMessageId.containsKey(id)) {
                return lineByMessageId.get(id);
            }
        }
        return null;
    }

    private static String text(Message message, String attribute) {
        MessageAttributeValue value = message.messageAttributes().get(attribute);
        return value == null ? null : value.stringValue();
    }

    private static List<Message> receive(SqsClient sqs, String dlqUrl, int waitSeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(dlqUrl)
                .maxNumberOfMessages(10)
                .waitTimeSeconds(waitSeconds)
                .visibilityTimeout(HOLD_SECONDS)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                .messageAttributeNames("All")).messages();
    }

    private static void release(SqsClient sqs, String dlqUrl, List<Message> messages) {
        for (int from = 0; from < messages.size(); from += 10) {
            List<Message> chunk = messages.subList(from, Math.min(from + 10, messages.size()));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id(Integer.toString(i)).receiptHandle(chunk.get(i).receiptHandle()).visibilityTimeout(0).build());
            }
            sqs.changeMessageVisibilityBatch(b -> b.queueUrl(dlqUrl).entries(entries));
        }
    }
}
