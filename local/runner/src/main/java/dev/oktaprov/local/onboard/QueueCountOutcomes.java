package dev.oktaprov.local.onboard;

import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Outcomes of messages sent to a queue this process does not poll (the deployed one), from SQS's
 * approximate counts: what the queue holds above what it held before the send is still pending,
 * what the DLQ gained is failed, the rest succeeded. Created and already-existing users cannot be
 * told apart this way.
 *
 * <p>SQS's counts lag by seconds and count other producers' messages too: the run counts as settled
 * once the queue is back to its count before the send in three readings in a row, at least
 * {@link #QUIET_PERIOD} after the last message was sent.
 */
public final class QueueCountOutcomes implements OutcomeSource {

    static final Duration QUIET_PERIOD = Duration.ofSeconds(10);
    private static final int SETTLED_READINGS = 3;

    private final SqsClient sqs;
    private final String queueUrl;
    private final String deadLetterQueueUrl;
    private long queueBefore;
    private long deadLettersBefore;
    private long startedNanos;
    private int settledReadings;
    private long lastPending;
    private long lastFailed;

    /** @param deadLetterQueueUrl null when the queue has no DLQ: failures are then not known */
    public QueueCountOutcomes(SqsClient sqs, String queueUrl, String deadLetterQueueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.deadLetterQueueUrl = deadLetterQueueUrl;
    }

    @Override
    public void begin() {
        queueBefore = QueueCounts.of(sqs, queueUrl);
        deadLettersBefore = deadLetterQueueUrl == null ? 0 : QueueCounts.of(sqs, deadLetterQueueUrl);
        startedNanos = System.nanoTime();
    }

    @Override
    public Tally tally(int sent, Duration elapsed) {
        long done = Math.max(0, Math.min(sent, sent - lastPending));
        long failed = Math.min(done, lastFailed);
        return new Tally(sent, Tally.UNKNOWN, Tally.UNKNOWN, done - failed, failed, null, elapsed);
    }

    @Override
    public boolean awaitSettled(int sent, Duration wait) throws InterruptedException {
        Thread.sleep(wait.toMillis());
        lastPending = Math.max(0, QueueCounts.of(sqs, queueUrl) - queueBefore);
        lastFailed = deadLetterQueueUrl == null ? 0 : Math.max(0, QueueCounts.of(sqs, deadLetterQueueUrl) - deadLettersBefore);
        boolean quietLongEnough = System.nanoTime() - startedNanos >= QUIET_PERIOD.toNanos();
        settledReadings = lastPending == 0 && quietLongEnough ? settledReadings + 1 : 0;
        return settledReadings >= SETTLED_READINGS;
    }

    @Override
    public String caveat() {
        return "Following a queue this process does not poll: outcomes come from SQS's approximate counts "
                + "(succeeded = created or already existed)" + (deadLetterQueueUrl == null
                ? "; the queue has no dead-letter queue, so failures cannot be counted" : "") + ".";
    }
}
