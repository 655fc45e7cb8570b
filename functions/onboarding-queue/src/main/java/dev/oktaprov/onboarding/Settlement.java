package dev.oktaprov.onboarding;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides and carries out what becomes of each message once the batch has run, and answers which
 * ones go in {@code batchItemFailures}.
 *
 * <ul>
 *   <li>created, already existed, dead-lettered: handled (the event source mapping deletes them);
 *   <li>transient failures, and permanent ones the DLQ did not take: returned, invisible for a
 *       jittered exponential backoff on their receive count;
 *   <li>throttled and not started (standard queues): re-sent as new messages delayed until Okta's
 *       reset, the originals handled, so throttling never counts toward {@code maxReceiveCount};
 *       a message whose copy SQS refused is returned instead, invisible for the same delay;
 *   <li>FIFO queues never re-send (a copy would jump the order): the first message that failed and
 *       every later one are returned, all invisible for the same time, so they come back in order.
 * </ul>
 */
final class Settlement {

    enum Disposition {
        /** Reported as handled: the event source mapping deletes it. */
        DELETED,
        /** A copy is back on the queue; the original is reported as handled. */
        RESENT,
        /** In {@code batchItemFailures}: SQS hands it out again after its visibility timeout. */
        RETURNED
    }

    /** One message's fate; {@code delay} is how long until it (or its copy) is visible again. */
    record Settled(MessageResult result, Disposition disposition, Duration delay) {}

    private final RetryBackoff backoff;
    private final Duration throttleDelayMax;

    Settlement(RetryBackoff backoff, Duration throttleDelayMax) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.throttleDelayMax = Objects.requireNonNull(throttleDelayMax, "throttleDelayMax");
    }

    /** @param sourceQueue opened only when a message needs it */
    List<Settled> standard(List<MessageResult> results, Supplier<SourceQueue> sourceQueue) {
        Map<QueueMessage, Duration> toResend = new LinkedHashMap<>();
        results.stream().filter(MessageResult::deferred)
                .forEach(result -> toResend.put(result.message(), throttleDelay(result)));
        SourceQueue queue = toResend.isEmpty() && results.stream().noneMatch(BatchRun::returnsToQueue)
                ? null : sourceQueue.get();
        Set<String> resent = toResend.isEmpty() ? Set.of() : queue.resend(toResend);
        List<Settled> settled = new ArrayList<>();
        for (MessageResult result : results) {
            if (!BatchRun.returnsToQueue(result)) {
                settled.add(new Settled(result, Disposition.DELETED, Duration.ZERO));
            } else if (result.deferred()) {
                Duration delay = toResend.get(result.message());
                settled.add(new Settled(result, resent.contains(result.message().messageId())
                        ? Disposition.RESENT : Disposition.RETURNED, delay));
            } else {
                settled.add(new Settled(result, Disposition.RETURNED, backoff.after(result.message().receiveCount())));
            }
        }
        holdBackReturned(settled, queue);
        return settled;
    }

    List<Settled> fifo(List<MessageResult> results, Supplier<SourceQueue> sourceQueue) {
        List<Settled> settled = new ArrayList<>();
        Duration returnedFor = null;
        for (MessageResult result : results) {
            if (returnedFor == null && BatchRun.returnsToQueue(result)) {
                returnedFor = switch (result.outcome()) {
                    case THROTTLED -> throttleDelay(result);
                    case NOT_STARTED -> Duration.ZERO;
                    default -> backoff.after(result.message().receiveCount());
                };
            }
            settled.add(returnedFor == null
                    ? new Settled(result, Disposition.DELETED, Duration.ZERO)
                    : new Settled(result, Disposition.RETURNED, returnedFor));
        }
        if (returnedFor != null) {
            holdBackReturned(settled, sourceQueue.get());
        }
        return settled;
    }

    private Duration throttleDelay(MessageResult result) {
        Duration wait = result.retryAfter();
        return wait.compareTo(throttleDelayMax) > 0 ? throttleDelayMax : wait;
    }

    private static void holdBackReturned(List<Settled> settled, SourceQueue queue) {
        Map<QueueMessage, Duration> visibility = new LinkedHashMap<>();
        settled.stream().filter(s -> s.disposition() == Disposition.RETURNED)
                .forEach(s -> visibility.put(s.result().message(), s.delay()));
        if (!visibility.isEmpty()) {
            queue.holdBack(visibility);
        }
    }
}
