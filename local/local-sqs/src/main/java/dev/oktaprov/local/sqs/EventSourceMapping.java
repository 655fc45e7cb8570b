package dev.oktaprov.local.sqs;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.oktaprov.entrypoints.InvocationContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Lambda's SQS event source mapping, locally: pollers receive batches from one queue and invoke an
 * SQS handler the way Lambda does, with the SQS event's JSON bytes as Lambda writes them, with a fresh context
 * and deadline per invocation; then they delete every message not reported as failed and leave
 * the rest to their visibility timeout, so SQS redelivers them and, after {@code maxReceiveCount}
 * receives, its RedrivePolicy moves them to the DLQ.
 *
 * <p>Lambda's rules: a handler that throws, answers after its timeout, or names in
 * {@code batchItemFailures} an id that is null, empty or not in the batch fails the whole batch.
 * With {@code reportBatchItemFailures} off, any normal return deletes the whole batch.
 *
 * <p>Recursive loop detection, as Lambda does it: each invocation carries a trace header whose
 * lineage counts how often the chain of its messages has invoked the function; the invocation's
 * context hands it over ({@code getXrayTraceId()}) and the AWS requests the function makes carry it
 * (the AWS SDK's through {@link LambdaTraceHeaderInterceptor}), so a message it sends to the
 * queue comes back with the count. Unless the settings allow loops ({@link RecursiveLoop#ALLOW}), a
 * message whose chain has invoked the function 16 times is dropped instead of invoking it again
 * ({@link RecursionGuard}).
 *
 * <p>Up to {@link EventSourceMappingSettings#effectiveConcurrency()} invocations run at once, one
 * per poller thread. FIFO queues get a single poller, so batches of a message group never overlap
 * and a group's messages reach the handler in order.
 *
 * <p>Where it differs from Lambda: a handler past its timeout is not stopped (its late answer is
 * discarded, as Lambda discards it); the batching window is honoured to the second; there is no
 * scaling of pollers and no backing off after function errors.
 */
public final class EventSourceMapping implements AutoCloseable {

    static final String THREAD_NAME_PREFIX = "local-esm-";
    // Short long-polls keep close() quick; SQS itself would allow 20 s.
    static final int LONG_POLL_SECONDS = 1;
    private static final Duration POLL_ERROR_BACKOFF = Duration.ofSeconds(1);
    private static final System.Logger LOG = System.getLogger(EventSourceMapping.class.getName());

    private final SqsClient sqs;
    private final EventSourceMappingSettings settings;
    private final String queueUrl;
    private final RequestStreamHandler handler;
    private final Clock clock;
    private final Consumer<String> logSink;
    private final InvocationListener listener;
    private final Duration closeTimeout;
    private final ExecutorService pollers;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final AtomicInteger invocationsInFlight = new AtomicInteger();
    private final MappingCounterSet counters = new MappingCounterSet();
    private final RecursionGuard recursion;
    private final List<Thread> pollerThreads = new CopyOnWriteArrayList<>();
    private final Object activity = new Object();
    private long activityGeneration;

    private EventSourceMapping(Builder builder, String queueUrl) {
        this.sqs = builder.sqs;
        this.settings = builder.settings;
        this.queueUrl = queueUrl;
        this.handler = builder.handler;
        this.clock = builder.clock;
        this.logSink = builder.logSink;
        this.listener = builder.listener;
        this.closeTimeout = builder.closeTimeout != null ? builder.closeTimeout
                : settings.functionTimeout().plusSeconds(LONG_POLL_SECONDS + 1L);
        this.pollers = Executors.newFixedThreadPool(settings.effectiveConcurrency(),
                pollerThreadFactory(settings.functionName()));
        this.recursion = new RecursionGuard(sqs, queueUrl, settings);
    }

    private EventSourceMapping startPolling() {
        for (int i = 0; i < settings.effectiveConcurrency(); i++) {
            pollers.execute(this::pollUntilStopped);
        }
        return this;
    }

    /**
     * @param sqs the client to poll with; not closed by the mapping
     * @param handler the function's handler, called on the mapping's threads with the event's bytes
     */
    public static Builder builder(SqsClient sqs, EventSourceMappingSettings settings, RequestStreamHandler handler) {
        return new Builder(sqs, settings, handler);
    }

    public EventSourceMappingSettings settings() {
        return settings;
    }

    /** The URL of the polled queue, found from the settings' queue ARN. */
    public String queueUrl() {
        return queueUrl;
    }

    public MappingCounters counters() {
        return counters.snapshot();
    }

    /**
     * Waits until the queue holds no message at all (none visible, in flight or delayed) and no
     * invocation is running: everything sent has been deleted or moved to the DLQ. Wakes on the
     * pollers' activity (at least once per long poll), never on a timer. Exact on ElasticMQ and
     * moto; on real SQS the counts it reads are approximate.
     *
     * @return false if that did not happen within {@code timeout}
     */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen = currentActivity();
            if (invocationsInFlight.get() == 0 && approximateCount() == 0) {
                return true;
            }
            if (isStopping()) {
                return false;
            }
            synchronized (activity) {
                while (activityGeneration == seen) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(activity, left);
                }
            }
        }
    }

    /**
     * Stops polling, lets running invocations finish (up to the close timeout: by default the
     * function timeout plus one long poll), deletes what they succeeded with, and ends every
     * poller thread. Idempotent.
     */
    @Override
    public void close() {
        if (isStopping()) {
            return;
        }
        stopSignal.countDown();
        signalActivity();
        pollers.shutdown();
        try {
            if (!pollers.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "invocations of {0} still running after {1}; interrupting them",
                        settings.functionName(), closeTimeout);
                pollers.shutdownNow();
                pollers.awaitTermination(LONG_POLL_SECONDS + 1L, TimeUnit.SECONDS);
            }
            for (Thread thread : pollerThreads) {
                thread.join(TimeUnit.SECONDS.toMillis(LONG_POLL_SECONDS + 1L));
            }
        } catch (InterruptedException e) {
            pollers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void pollUntilStopped() {
        while (!isStopping()) {
            List<Message> batch;
            try {
                batch = receiveBatch();
            } catch (RuntimeException e) {
                if (isStopping()) {
                    return;
                }
                counters.pollErrors.incrementAndGet();
                LOG.log(System.Logger.Level.WARNING, "receiving from " + queueUrl + " failed; retrying", e);
                awaitStop(POLL_ERROR_BACKOFF);
                continue;
            } finally {
                signalActivity();
            }
            if (!batch.isEmpty()) {
                // Counted from receipt to report, so awaitDrained() never returns with counters or reports pending.
                invocationsInFlight.incrementAndGet();
                try {
                    invoke(batch);
                } catch (RuntimeException e) {
                    // A fault of this mapping, not of the function: the batch comes back after its visibility timeout.
                    LOG.log(System.Logger.Level.ERROR, "could not invoke " + settings.functionName(), e);
                } finally {
                    invocationsInFlight.decrementAndGet();
                    signalActivity();
                }
            }
        }
    }

    // Up to batchSize messages: what one long poll brings, topped up until the batching window closes.
    private List<Message> receiveBatch() {
        Map<String, Message> batch = new LinkedHashMap<>();
        receiveInto(batch);
        if (batch.isEmpty() || settings.maximumBatchingWindow().isZero()) {
            return new ArrayList<>(batch.values());
        }
        long windowCloses = System.nanoTime() + settings.maximumBatchingWindow().toNanos();
        while (batch.size() < settings.batchSize() && System.nanoTime() < windowCloses && !isStopping()) {
            receiveInto(batch);
        }
        return new ArrayList<>(batch.values());
    }

    private void receiveInto(Map<String, Message> batch) {
        int wanted = settings.batchSize() - batch.size();
        List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                .maxNumberOfMessages(wanted)
                .waitTimeSeconds(LONG_POLL_SECONDS)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        // A message seen twice (visibility timeout shorter than the window) keeps its newest receipt handle.
        received.forEach(message -> batch.put(message.messageId(), message));
    }

    private void invoke(List<Message> received) {
        RecursionGuard.Split split = recursion.split(received);
        counters.recursiveInvocationsDropped.addAndGet(recursion.drop(split.dropped()));
        List<Message> batch = split.delivered();
        if (batch.isEmpty()) {
            return;
        }
        Map<String, Message> byId = new LinkedHashMap<>();
        batch.forEach(message -> byId.put(message.messageId(), message));
        byte[] event = SqsEventJson.of(batch, settings.queueArn(), settings.region()).getBytes(StandardCharsets.UTF_8);
        InvocationContext context = InvocationContext.start(settings.functionName(), settings.region(),
                settings.functionMemoryMb(), settings.functionTimeout(), clock, logSink).tracedBy(split.traceHeader());
        counters.invocations.incrementAndGet();
        counters.messagesReceived.addAndGet(batch.size());

        InvocationOutcome outcome;
        Set<String> failed = new LinkedHashSet<>();
        String detail = "";
        try {
            ByteArrayOutputStream response = new ByteArrayOutputStream(1024);
            LambdaTraceHeaderInterceptor.during(split.traceHeader(), () -> {
                try {
                    handler.handleRequest(new ByteArrayInputStream(event), response, context);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
            if (context.isPastDeadline()) {
                outcome = InvocationOutcome.TIMEOUT;
                detail = String.format(Locale.ROOT, "Task timed out after %.2f seconds",
                        settings.functionTimeout().toMillis() / 1000.0);
                logSink.accept(clock.instant() + " " + context.getAwsRequestId() + " " + detail);
            } else if (settings.reportBatchItemFailures()) {
                try {
                    failed.addAll(PartialBatchResponse.failedMessageIds(responseJson(response), byId.keySet()));
                    outcome = failed.isEmpty() ? InvocationOutcome.SUCCESS : InvocationOutcome.BATCH_ITEM_FAILURES;
                } catch (PartialBatchResponse.InvalidResponseException e) {
                    outcome = InvocationOutcome.INVALID_RESPONSE;
                    detail = e.getMessage();
                }
            } else {
                outcome = InvocationOutcome.SUCCESS;
            }
        } catch (Throwable e) { // whatever the handler throws fails the invocation, as in Lambda
            outcome = InvocationOutcome.FUNCTION_ERROR;
            detail = e.toString();
            logSink.accept(context.getAwsRequestId() + " Invoke Error " + e);
        }
        if (outcome != InvocationOutcome.SUCCESS && outcome != InvocationOutcome.BATCH_ITEM_FAILURES) {
            failed.addAll(byId.keySet());
            counters.countFailure(outcome);
        }

        List<Message> toDelete = batch.stream().filter(message -> !failed.contains(message.messageId())).toList();
        List<String> deleted = delete(toDelete);
        counters.messagesDeleted.addAndGet(deleted.size());
        counters.messagesReturned.addAndGet(failed.size());
        report(new InvocationReport(context.getAwsRequestId(), outcome, new ArrayList<>(byId.keySet()), deleted,
                new ArrayList<>(failed), detail));
    }

    /** What the handler wrote; nothing at all reads as a null response. */
    private static String responseJson(ByteArrayOutputStream response) {
        return response.size() == 0 ? "null" : response.toString(StandardCharsets.UTF_8);
    }

    private List<String> delete(List<Message> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i)).receiptHandle(messages.get(i).receiptHandle()).build());
        }
        try {
            DeleteMessageBatchResponse response = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            counters.deleteErrors.addAndGet(response.failed().size());
            response.failed().forEach(failure -> LOG.log(System.Logger.Level.WARNING,
                    "could not delete a message from {0}: {1} {2}", queueUrl, failure.code(), failure.message()));
            return response.successful().stream()
                    .map(entry -> messages.get(Integer.parseInt(entry.id())).messageId())
                    .toList();
        } catch (RuntimeException e) {
            counters.deleteErrors.addAndGet(messages.size());
            LOG.log(System.Logger.Level.WARNING, "could not delete messages from " + queueUrl, e);
            return List.of();
        }
    }

    private void report(InvocationReport report) {
        try {
            listener.invocationFinished(report);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "invocation listener failed", e);
        }
    }

    private long approximateCount() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().mapToLong(Long::parseLong).sum();
    }

    private boolean isStopping() {
        return stopSignal.getCount() == 0;
    }

    private void awaitStop(Duration duration) {
        try {
            stopSignal.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopSignal.countDown();
        }
    }

    private long currentActivity() {
        synchronized (activity) {
            return activityGeneration;
        }
    }

    private void signalActivity() {
        synchronized (activity) {
            activityGeneration++;
            activity.notifyAll();
        }
    }

    // Remembers its threads so close() can wait for each to be gone, not merely for the pool to say so.
    private ThreadFactory pollerThreadFactory(String functionName) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, THREAD_NAME_PREFIX + functionName + "-" + number.incrementAndGet());
            // Never the reason a JVM stays up; close() is what stops them.
            thread.setDaemon(true);
            pollerThreads.add(thread);
            return thread;
        };
    }

    private static String queueUrlOf(SqsClient sqs, String queueArn) {
        QueueArn arn = QueueArn.parse(queueArn);
        return sqs.getQueueUrl(b -> b.queueName(arn.queueName()).queueOwnerAWSAccountId(arn.accountId())).queueUrl();
    }

    /** Options of a mapping; {@link #start()} finds the queue and starts polling. */
    public static final class Builder {

        private final SqsClient sqs;
        private final EventSourceMappingSettings settings;
        private final RequestStreamHandler handler;
        private Clock clock = Clock.systemUTC();
        private Consumer<String> logSink = EventSourceMapping::printLine;
        private InvocationListener listener = InvocationListener.NONE;
        private Duration closeTimeout;

        private Builder(SqsClient sqs, EventSourceMappingSettings settings,
                RequestStreamHandler handler) {
            this.sqs = Objects.requireNonNull(sqs, "sqs");
            this.settings = Objects.requireNonNull(settings, "settings");
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        /** The clock of each context's deadline and of the timeout check (default: system UTC). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Where the handler's {@code context.getLogger()} writes (default: standard output, a line each). */
        public Builder logSink(Consumer<String> value) {
            this.logSink = Objects.requireNonNull(value, "logSink");
            return this;
        }

        /** Told about every finished invocation (default: nobody). */
        public Builder listener(InvocationListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /** How long close() waits for running invocations (default: function timeout + one long poll). */
        public Builder closeTimeout(Duration value) {
            Objects.requireNonNull(value, "closeTimeout");
            if (value.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must not be negative");
            }
            this.closeTimeout = value;
            return this;
        }

        public EventSourceMapping start() {
            return new EventSourceMapping(this, queueUrlOf(sqs, settings.queueArn())).startPolling();
        }
    }

    private static void printLine(String message) {
        System.out.println(message.stripTrailing());
    }
}
