package dev.oktaprov.onboarding;

import dev.oktaprov.time.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Which message of one batch runs when, on which worker, and whether it starts at all; says what
 * happened to each (through {@link SingleHireOnboarding}) and never throws for a message.
 *
 * <p>Standard queues: messages with the same login (ignoring case and diacritics) form a group that
 * one worker handles in batch order, so a login is never created twice at once; up to
 * {@code parallelism} groups are in progress. FIFO queues: one message after the other; a message
 * that must come back holds back the later messages of its own {@code MessageGroupId} only, so the
 * group keeps its order and the other groups go on.
 *
 * <p>A message is started only while one whole Okta request still fits before the deadline. Once a
 * message is throttled (Okta's budget is spent with no time left to wait for the reset), the
 * deployment's credentials are refused, or the secret cannot be read, no further message is
 * started: every Okta call would fail the same way.
 */
final class BatchScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(BatchScheduler.class);
    static final String OUT_OF_TIME = "OUT_OF_TIME";

    private final SingleHireOnboarding singleHire;
    private final int parallelism;
    private final Duration timePerMessage;
    private final Clock clock;

    /**
     * @param parallelism 1 or more ({@code OnboardingSettings} checks it)
     * @param timePerMessage the time a message needs at least: one Okta request timeout
     */
    BatchScheduler(SingleHireOnboarding singleHire, int parallelism, Duration timePerMessage, Clock clock) {
        this.singleHire = singleHire;
        this.parallelism = parallelism;
        this.timePerMessage = timePerMessage;
        this.clock = clock;
    }

    /** The results in batch order. */
    List<MessageResult> standard(List<HireMessage> hires, Deadline deadline) {
        Map<String, List<HireMessage>> byLogin = new LinkedHashMap<>();
        hires.forEach(hire -> byLogin.computeIfAbsent(hire.loginKey(), key -> new ArrayList<>()).add(hire));
        Queue<List<HireMessage>> groups = new ConcurrentLinkedQueue<>(byLogin.values());
        Map<String, MessageResult> results = new ConcurrentHashMap<>();
        AtomicReference<Failure> stoppedBy = new AtomicReference<>();
        Runnable worker = () -> {
            for (List<HireMessage> group = groups.poll(); group != null; group = groups.poll()) {
                for (HireMessage hire : group) {
                    MessageResult result = stoppedBy.get() != null || !timeForOneMore(deadline)
                            ? notStarted(hire, stoppedBy.get())
                            : singleHire.onboard(hire, deadline);
                    if (stopsTheBatch(result)) {
                        stoppedBy.compareAndSet(null, result.failure());
                    }
                    results.put(hire.message().messageId(), result);
                }
            }
        };
        runWorkers(Math.min(parallelism, byLogin.size()), worker);
        return unlessNothingCouldStart(hires.stream().map(hire -> results.get(hire.message().messageId())).toList(), deadline);
    }

    /** The results in batch order; a message that must come back holds back the rest of its message group. */
    List<MessageResult> fifo(List<HireMessage> hires, Deadline deadline) {
        List<MessageResult> results = new ArrayList<>();
        Map<String, Failure> blockedGroups = new HashMap<>();
        Failure stoppedBy = null;
        for (HireMessage hire : hires) {
            Failure groupFailure = blockedGroups.get(groupOf(hire));
            MessageResult result;
            if (stoppedBy != null || !timeForOneMore(deadline)) {
                result = notStarted(hire, stoppedBy);
            } else if (groupFailure != null) {
                result = new MessageResult(hire, MessageOutcome.NOT_STARTED, afterEarlierFailure(groupFailure));
            } else {
                result = singleHire.onboard(hire, deadline);
            }
            if (stoppedBy == null && stopsTheBatch(result)) {
                stoppedBy = result.failure();
            } else if (result.returnsToQueue() && groupFailure == null) {
                blockedGroups.put(groupOf(hire), result.failure());
            }
            results.add(result);
        }
        return unlessNothingCouldStart(results, deadline);
    }

    private static String groupOf(HireMessage hire) {
        return String.valueOf(hire.message().groupId());
    }

    /**
     * When not one message could start, the invocation itself is too short for one Okta request
     * (function timeout against {@code OKTA_REQUEST_TIMEOUT_MS} and the safety margin): deferring
     * the messages would only bring them back to the same fate, forever. They go back to the queue
     * like failures instead, so redrive ends the loop and the DLQ alarm calls someone.
     */
    private List<MessageResult> unlessNothingCouldStart(List<MessageResult> results, Deadline deadline) {
        boolean noneStarted = results.stream().allMatch(r -> r.outcome() == MessageOutcome.NOT_STARTED
                && r.failure().code().equals(OUT_OF_TIME));
        if (!noneStarted || results.isEmpty()) {
            return results;
        }
        String why = "Not started: the invocation had " + deadline.remaining(clock).toMillis()
                + " ms left, less than one Okta request timeout (" + timePerMessage.toMillis()
                + " ms); raise the function timeout or lower OKTA_REQUEST_TIMEOUT_MS";
        LOG.error(why);
        return results.stream().map(r -> new MessageResult(r.hire(), MessageOutcome.RETRY_LATER,
                new Failure(Failure.Kind.TRANSIENT, OUT_OF_TIME, why, null, null))).toList();
    }

    private boolean timeForOneMore(Deadline deadline) {
        return deadline.remaining(clock).compareTo(timePerMessage) >= 0;
    }

    private static boolean stopsTheBatch(MessageResult result) {
        return result.failure() != null && result.returnsToQueue() && result.failure().stopsTheBatch();
    }

    /**
     * After a throttle: deferred until Okta's reset. After refused credentials: held like the message
     * that met them. After an unreadable secret: back with a backoff like any transient failure (the
     * environment, not throttling, is at fault). Without any of these: too little time was left.
     */
    private static MessageResult notStarted(HireMessage hire, Failure stoppedBy) {
        if (stoppedBy == null) {
            return new MessageResult(hire, MessageOutcome.NOT_STARTED, new Failure(Failure.Kind.TRANSIENT, OUT_OF_TIME,
                    "Not started: too little time was left in this invocation", null, null));
        }
        if (stoppedBy.kind() == Failure.Kind.THROTTLED) {
            return new MessageResult(hire, MessageOutcome.NOT_STARTED, new Failure(Failure.Kind.THROTTLED, stoppedBy.code(),
                    "Not started: Okta's rate limit was reached in this batch", null, stoppedBy.retryAfter()));
        }
        if (stoppedBy.kind() == Failure.Kind.CONFIGURATION) {
            return new MessageResult(hire, MessageOutcome.NOT_STARTED, new Failure(Failure.Kind.CONFIGURATION, stoppedBy.code(),
                    "Not started: " + stoppedBy.message(), null, null));
        }
        return new MessageResult(hire, MessageOutcome.RETRY_LATER, new Failure(Failure.Kind.TRANSIENT, stoppedBy.code(),
                "Not started: " + stoppedBy.message(), null, null));
    }

    private static Failure afterEarlierFailure(Failure earlier) {
        return new Failure(earlier.kind(), earlier.code(), "Not started: an earlier message of its FIFO message group failed",
                null, earlier.retryAfter());
    }

    /** Runs {@code count} copies of {@code worker}; the caller's log context goes along to each. */
    private static void runWorkers(int count, Runnable worker) {
        if (count <= 1) {
            worker.run();
            return;
        }
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(count, runnable -> {
            Thread thread = new Thread(runnable, "onboarding-worker-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                running.add(pool.submit(() -> {
                    if (logContext != null) {
                        MDC.setContextMap(logContext);
                    }
                    try {
                        worker.run();
                    } finally {
                        MDC.clear();
                    }
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while onboarding a batch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("An onboarding worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
