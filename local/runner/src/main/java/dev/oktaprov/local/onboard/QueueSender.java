package dev.oktaprov.local.onboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.local.hires.NewHireRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends rows to the onboarding queue, ten per {@code SendMessageBatch}: each body is the row's create
 * input as JSON, with a {@code sourceLine} attribute naming the row's line in the file (the function
 * carries producer attributes along to the DLQ).
 */
final class QueueSender {

    static final String SOURCE_LINE = "sourceLine";
    private static final int BATCH = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the send did.
     *
     * @param lineByMessageId the line of every message SQS accepted, by its message id
     * @param notSent rows SQS did not take, with the reason
     */
    record Sent(Map<String, Integer> lineByMessageId, List<NotSent> notSent) {
        int count() {
            return lineByMessageId.size();
        }
    }

    private QueueSender() {}

    static Sent send(SqsClient sqs, String queueUrl, List<NewHireRow> rows) {
        boolean fifo = queueUrl.endsWith(".fifo");
        String run = UUID.randomUUID().toString();
        Map<String, Integer> sent = new LinkedHashMap<>();
        List<NotSent> notSent = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<NewHireRow> batch = rows.subList(from, Math.min(from + BATCH, rows.size()));
            Map<String, NewHireRow> byEntryId = new LinkedHashMap<>();
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (NewHireRow row : batch) {
                String id = "line-" + row.line();
                byEntryId.put(id, row);
                SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                        .id(id)
                        .messageBody(body(row))
                        .messageAttributes(Map.of(SOURCE_LINE, MessageAttributeValue.builder()
                                .dataType("Number").stringValue(Integer.toString(row.line())).build()));
                if (fifo) {
                    // One group keeps the file's order; a run-scoped id keeps a resend of the same file apart.
                    entry.messageGroupId("onboard").messageDeduplicationId(run + "-" + row.line());
                }
                entries.add(entry.build());
            }
            try {
                SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
                response.successful().forEach(ok -> sent.put(ok.messageId(), byEntryId.get(ok.id()).line()));
                response.failed().forEach(failed -> notSent.add(new NotSent(byEntryId.get(failed.id()).line(),
                        failed.code() + (failed.message() == null ? "" : ": " + failed.message()))));
            } catch (SdkException e) {
                String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                batch.forEach(row -> notSent.add(new NotSent(row.line(), reason)));
            }
        }
        return new Sent(sent, notSent);
    }

    private static String body(NewHireRow row) {
        try {
            return JSON.writeValueAsString(row.input());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a row's fields are always JSON values", e);
        }
    }
}
