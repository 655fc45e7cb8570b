package dev.oktaprov.onboarding;

import dev.oktaprov.entrypoints.sqs.SqsMessageAttribute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The queue a batch came from: hold messages back, or put copies of them back. */
final class SourceQueue {

    private static final Logger LOG = LoggerFactory.getLogger(SourceQueue.class);
    private static final int MAX_ENTRIES_PER_CALL = 10;
    private static final int RESEND_ATTEMPTS = 2;

    private final SqsCalls sqs;
    private final String url;

    SourceQueue(SqsCalls sqs, String url) {
        this.sqs = sqs;
        this.url = url;
    }

    /**
     * The queue of an event source ARN, addressed through the client's endpoint. An event without a
     * usable ARN (never from SQS itself) gets a queue that can do nothing: its messages then simply
     * come back after the queue's visibility timeout.
     */
    static SourceQueue of(SqsCalls sqs, String eventSourceArn) {
        try {
            String url = QueueAddress.fromArn(eventSourceArn).url(sqs.endpointOverride());
            return new SourceQueue(sqs, url);
        } catch (IllegalArgumentException e) {
            LOG.warn("The event names no SQS queue ARN; failed messages return after the queue's visibility timeout");
            return new SourceQueue(null, null);
        }
    }

    /** A copy to put back: visible after {@code delay}, carrying {@code throttleCount}. */
    record Copy(Duration delay, int throttleCount) {}

    /**
     * Sends each message again as a new message, delayed as its copy says: same body, the producer's
     * attributes, {@code originalMessageId} and {@code throttleCount}. The copy starts with a receive
     * count of 0, so time spent waiting never counts toward the DLQ. Copies SQS does not take are
     * sent once more: only a message refused twice must go back to the queue (and count a receive).
     *
     * @return the ids of the messages whose copy SQS accepted; the others must go back to the queue
     */
    Set<String> resend(Map<QueueMessage, Copy> copies) {
        Set<String> accepted = new HashSet<>();
        List<Map.Entry<QueueMessage, Copy>> pending = sqs == null ? List.of() : new ArrayList<>(copies.entrySet());
        for (int attempt = 1; attempt <= RESEND_ATTEMPTS && !pending.isEmpty(); attempt++) {
            List<Map.Entry<QueueMessage, Copy>> refused = new ArrayList<>();
            for (List<Map.Entry<QueueMessage, Copy>> chunk : chunks(pending)) {
                sendCopies(chunk, accepted, refused, attempt == RESEND_ATTEMPTS);
            }
            pending = refused;
        }
        return accepted;
    }

    private void sendCopies(List<Map.Entry<QueueMessage, Copy>> chunk, Set<String> accepted,
            List<Map.Entry<QueueMessage, Copy>> refused, boolean lastAttempt) {
        List<SqsCalls.SendEntry> entries = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            QueueMessage message = chunk.get(i).getKey();
            Copy copy = chunk.get(i).getValue();
            Map<String, SqsMessageAttribute> ours = new LinkedHashMap<>();
            MessageAttributes.putText(ours, MessageAttributes.ORIGINAL_MESSAGE_ID, MessageAttributes.originalMessageId(message));
            if (copy.throttleCount() > 0) {
                MessageAttributes.putNumber(ours, MessageAttributes.THROTTLE_COUNT, copy.throttleCount());
            }
            entries.add(new SqsCalls.SendEntry(Integer.toString(i), message.body(), delaySeconds(copy.delay()),
                    MessageAttributes.withProducerAttributes(ours, message)));
        }
        String then = lastAttempt ? "it goes back to the queue" : "sending it once more";
        try {
            SqsCalls.BatchResult response = sqs.sendMessageBatch(url, entries);
            response.successful().forEach(id -> accepted.add(chunk.get(Integer.parseInt(id)).getKey().messageId()));
            response.failed().forEach(entry -> {
                refused.add(chunk.get(Integer.parseInt(entry.id())));
                LOG.warn("Could not re-send message {} ({}); {}", chunk.get(Integer.parseInt(entry.id())).getKey().messageId(),
                        entry.code(), then);
            });
        } catch (RuntimeException e) {
            refused.addAll(chunk);
            LOG.warn("Could not re-send {} messages ({}); {}", chunk.size(), SqsClients.describe(e), then);
        }
    }

    /**
     * Keeps each message invisible for its duration from now (SQS ChangeMessageVisibility). A failure
     * is logged and otherwise ignored: the message then comes back after the queue's own visibility
     * timeout, later than planned but not lost.
     */
    void holdBack(Map<QueueMessage, Duration> visibility) {
        List<Map.Entry<QueueMessage, Duration>> all = sqs == null ? List.of() : new ArrayList<>(visibility.entrySet());
        for (List<Map.Entry<QueueMessage, Duration>> chunk : chunks(all)) {
            List<SqsCalls.VisibilityEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(new SqsCalls.VisibilityEntry(Integer.toString(i), chunk.get(i).getKey().receiptHandle(),
                        visibilitySeconds(chunk.get(i).getValue())));
            }
            try {
                SqsCalls.BatchResult response = sqs.changeMessageVisibilityBatch(url, entries);
                response.failed().forEach(entry -> LOG.warn("Could not change the visibility of message {}: {}",
                        chunk.get(Integer.parseInt(entry.id())).getKey().messageId(), entry.code()));
            } catch (RuntimeException e) {
                LOG.warn("Could not change the visibility of {} messages ({})", chunk.size(), SqsClients.describe(e));
            }
        }
    }

    private static int delaySeconds(Duration duration) {
        return (int) Math.min(Math.max(0, duration.toSeconds()), OnboardingSettings.MAX_DELAY_SECONDS);
    }

    private static int visibilitySeconds(Duration duration) {
        return (int) Math.min(Math.max(0, duration.toSeconds()), OnboardingSettings.MAX_VISIBILITY_SECONDS);
    }

    private static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += MAX_ENTRIES_PER_CALL) {
            chunks.add(items.subList(from, Math.min(from + MAX_ENTRIES_PER_CALL, items.size())));
        }
        return chunks;
    }
}
