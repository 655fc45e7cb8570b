package dev.oktaprov.onboarding;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides and carries out what becomes of each message once the batch has run, and answers which
 * ones go in {@code batchItemFailures}.
 *
 * <ul>
 *   <li>created, already existed, dead-lettered: handled (the event source mapping deletes them);
 *   <li>transient failures, and permanent ones the DLQ did not take: returned, invisible for a
 *       jittered exponential backoff on their receive count;
 *   <li>throttled and not started (standard queues): re-sent as new messages delayed until Okta's
 *       reset (a minute when it named none, see {@link Failure}), the originals handled, so
 *       throttling never counts toward {@code maxReceiveCount}; after {@code ONBOARDING_MAX_RESENDS}
 *       re-sends a message is returned instead, so a loop that never ends is ended by SQS redrive;
 *   <li>refused credentials (standard queues): re-sent delayed by the longest throttle delay, as
 *       often as it takes, so the backlog waits in the queue until a person fixes the secret;
 *   <li>a copy SQS refuses twice: the original is returned, invisible for the copy's delay;
 *   <li>FIFO queues never re-send (a copy would jump the order): each message that must come back is
 *       returned, invisible for the same time as the first returned message of its group, so the
 *       group comes back in order.
 * </ul>
 */
final class Settlement {

    private static final Logger LOG = LoggerFactory.getLogger(Settlement.class);

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
    private final Duration longestDelay;
    private final int maxResends;

    /**
     * @param longestDelay the longest a deferred message is held back ({@code ONBOARDING_THROTTLE_MAX_DELAY_SECONDS});
     *     also how often messages held for refused credentials come back to try again
     * @param maxResends re-sends of one throttled message before it is returned instead
     */
    Settlement(RetryBackoff backoff, Duration longestDelay, int maxResends) {
        this.backoff = backoff;
        this.longestDelay = longestDelay;
        this.maxResends = maxResends;
    }

    /** @param sourceQueue opened only when a message needs it */
    List<Settled> standard(List<MessageResult> results, Supplier<SourceQueue> sourceQueue) {
        List<Settled> planned = results.stream().map(this::standardPlan).toList();
        if (planned.stream().allMatch(s -> s.disposition() == Disposition.DELETED)) {
            return planned;
        }
        SourceQueue queue = sourceQueue.get();
        List<Settled> settled = resendOrReturn(planned, queue);
        holdBackReturned(settled, queue);
        return settled;
    }

    List<Settled> fifo(List<MessageResult> results, Supplier<SourceQueue> sourceQueue) {
        Map<String, Duration> groupDelays = new HashMap<>();
        List<Settled> settled = new ArrayList<>();
        for (MessageResult result : results) {
            settled.add(!result.returnsToQueue()
                    ? new Settled(result, Disposition.DELETED, Duration.ZERO)
                    : new Settled(result, Disposition.RETURNED, groupDelays.computeIfAbsent(
                            String.valueOf(result.message().groupId()), group -> fifoDelay(result))));
        }
        if (!groupDelays.isEmpty()) {
            holdBackReturned(settled, sourceQueue.get());
        }
        return settled;
    }

    private Settled standardPlan(MessageResult result) {
        if (!result.returnsToQueue()) {
            return new Settled(result, Disposition.DELETED, Duration.ZERO);
        }
        if (result.heldForConfiguration()) {
            return new Settled(result, Disposition.RESENT, longestDelay);
        }
        if (!result.deferred()) {
            return new Settled(result, Disposition.RETURNED, backoff.after(result.message().receiveCount()));
        }
        int resends = MessageAttributes.throttleCount(result.message());
        if (resends < maxResends) {
            return new Settled(result, Disposition.RESENT, throttleDelay(result));
        }
        LOG.warn("Message {} was re-sent {} times (ONBOARDING_MAX_RESENDS); it goes back to the queue instead,"
                + " where each receive counts toward redrive", result.message().messageId(), resends);
        return new Settled(result, Disposition.RETURNED, throttleDelay(result));
    }

    private Duration fifoDelay(MessageResult result) {
        if (result.heldForConfiguration()) {
            return longestDelay;
        }
        if (result.failure().kind() == Failure.Kind.THROTTLED) {
            return throttleDelay(result);
        }
        // Not started for lack of time: nothing went wrong with it.
        return result.outcome() == MessageOutcome.NOT_STARTED ? Duration.ZERO
                : backoff.after(result.message().receiveCount());
    }

    /** Sends the planned copies; a message whose copy SQS did not take is returned with the copy's delay. */
    private static List<Settled> resendOrReturn(List<Settled> planned, SourceQueue queue) {
        Map<QueueMessage, SourceQueue.Copy> copies = new LinkedHashMap<>();
        planned.stream().filter(s -> s.disposition() == Disposition.RESENT)
                .forEach(s -> copies.put(s.result().message(), copyOf(s)));
        Set<String> accepted = copies.isEmpty() ? Set.of() : queue.resend(copies);
        return planned.stream()
                .map(s -> s.disposition() != Disposition.RESENT || accepted.contains(s.result().message().messageId())
                        ? s : new Settled(s.result(), Disposition.RETURNED, s.delay()))
                .toList();
    }

    // Holding for refused credentials is not throttling: it never counts toward ONBOARDING_MAX_RESENDS.
    private static SourceQueue.Copy copyOf(Settled planned) {
        int throttleCount = MessageAttributes.throttleCount(planned.result().message());
        return new SourceQueue.Copy(planned.delay(),
                planned.result().heldForConfiguration() ? throttleCount : throttleCount + 1);
    }

    private Duration throttleDelay(MessageResult result) {
        Duration wait = result.retryAfter();
        return wait.compareTo(longestDelay) > 0 ? longestDelay : wait;
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
