package dev.oktaprov.local.sqs;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link EventSourceMapping} reads its queue and invokes its function: the settings of
 * Lambda's CreateEventSourceMapping for SQS, plus the function's own timeout and memory.
 *
 * <p>Start from {@link #forQueue(String)} and change what differs with the {@code with…} methods.
 *
 * @param queueArn the event source ARN; the mapping finds the queue URL from it
 * @param region {@code awsRegion} of the event records and region of the function ARN
 * @param functionName the function's name, in its context and log group
 * @param batchSize most messages per invocation, 1 to 10 (Lambda goes higher only with a batching
 *     window; this local mapping does not)
 * @param maximumBatchingWindow how long to keep gathering messages before invoking with fewer than
 *     {@code batchSize}, whole seconds 0 to 300; honoured to the second
 * @param maximumConcurrency most invocations in flight at once, at least 1 (Lambda's minimum is 2;
 *     1 is allowed here for ordered, single-file runs). FIFO queues always run with 1
 * @param functionTimeout the function's timeout: the context's deadline, and a response that comes
 *     later is discarded as Lambda discards it
 * @param functionMemoryMb the memory the context reports, 128 to 10240
 * @param reportBatchItemFailures whether the handler's {@code batchItemFailures} are honoured
 *     (FunctionResponseTypes = ReportBatchItemFailures)
 * @param recursiveLoop the function's {@code RecursiveLoop}: whether a message whose chain has
 *     invoked the function 16 times (its {@code AWSTraceHeader} lineage) is stopped, as by default
 */
public record EventSourceMappingSettings(
        String queueArn,
        String region,
        String functionName,
        int batchSize,
        Duration maximumBatchingWindow,
        int maximumConcurrency,
        Duration functionTimeout,
        int functionMemoryMb,
        boolean reportBatchItemFailures,
        RecursiveLoop recursiveLoop) {

    public static final int DEFAULT_BATCH_SIZE = 10;
    public static final int DEFAULT_MAXIMUM_CONCURRENCY = 2;
    public static final Duration DEFAULT_FUNCTION_TIMEOUT = Duration.ofSeconds(30);
    public static final String DEFAULT_FUNCTION_NAME = "local-function";
    public static final int DEFAULT_MEMORY_MB = 512;
    static final Duration MAXIMUM_BATCHING_WINDOW = Duration.ofSeconds(300);

    public EventSourceMappingSettings {
        QueueArn.parse(queueArn);
        requireNonBlank(region, "region");
        requireNonBlank(functionName, "functionName");
        if (batchSize < 1 || batchSize > 10) {
            throw new IllegalArgumentException("batchSize must be 1 to 10, was " + batchSize);
        }
        LocalSqs.wholeSeconds(maximumBatchingWindow, "maximumBatchingWindow");
        if (maximumBatchingWindow.compareTo(MAXIMUM_BATCHING_WINDOW) > 0) {
            throw new IllegalArgumentException("maximumBatchingWindow must be at most 300 s, was " + maximumBatchingWindow);
        }
        if (maximumConcurrency < 1) {
            throw new IllegalArgumentException("maximumConcurrency must be at least 1, was " + maximumConcurrency);
        }
        Objects.requireNonNull(functionTimeout, "functionTimeout");
        if (functionTimeout.isNegative() || functionTimeout.isZero()) {
            throw new IllegalArgumentException("functionTimeout must be positive, was " + functionTimeout);
        }
        if (functionMemoryMb < 128 || functionMemoryMb > 10_240) {
            throw new IllegalArgumentException("functionMemoryMb must be 128 to 10240, was " + functionMemoryMb);
        }
        Objects.requireNonNull(recursiveLoop, "recursiveLoop");
    }

    /**
     * Lambda's defaults for the queue: batch size 10, no batching window, report batch item
     * failures on, concurrency 2, a 30 s timeout and 512 MB, recursive loops terminated, in the
     * queue's region.
     */
    public static EventSourceMappingSettings forQueue(String queueArn) {
        return new EventSourceMappingSettings(queueArn, QueueArn.parse(queueArn).region(), DEFAULT_FUNCTION_NAME,
                DEFAULT_BATCH_SIZE, Duration.ZERO, DEFAULT_MAXIMUM_CONCURRENCY, DEFAULT_FUNCTION_TIMEOUT,
                DEFAULT_MEMORY_MB, true, RecursiveLoop.TERMINATE);
    }

    /** True for a FIFO queue (its name ends in {@code .fifo}). */
    public boolean fifo() {
        return QueueArn.parse(queueArn).fifo();
    }

    /** The concurrency the mapping really uses: 1 for FIFO queues, so a message group is never split. */
    public int effectiveConcurrency() {
        return fifo() ? 1 : maximumConcurrency;
    }

    public EventSourceMappingSettings withRegion(String value) {
        return new EventSourceMappingSettings(queueArn, value, functionName, batchSize, maximumBatchingWindow,
                maximumConcurrency, functionTimeout, functionMemoryMb, reportBatchItemFailures, recursiveLoop);
    }

    public EventSourceMappingSettings withFunctionName(String value) {
        return new EventSourceMappingSettings(queueArn, region, value, batchSize, maximumBatchingWindow,
                maximumConcurrency, functionTimeout, functionMemoryMb, reportBatchItemFailures, recursiveLoop);
    }

    public EventSourceMappingSettings withBatchSize(int value) {
        return new EventSourceMappingSettings(queueArn, region, functionName, value, maximumBatchingWindow,
                maximumConcurrency, functionTimeout, functionMemoryMb, reportBatchItemFailures, recursiveLoop);
    }

    public EventSourceMappingSettings withMaximumBatchingWindow(Duration value) {
        return new EventSourceMappingSettings(queueArn, region, functionName, batchSize, value,
                maximumConcurrency, functionTimeout, functionMemoryMb, reportBatchItemFailures, recursiveLoop);
    }

    public EventSourceMappingSettings withMaximumConcurrency(int value) {
        return new EventSourceMappingSettings(queueArn, region, functionName, batchSize, maximumBatchingWindow,
                value, functionTimeout, functionMemoryMb, reportBatchItemFailures, recursiveLoop);
    }

    public EventSourceMappingSettings withFunctionTimeout(Duration value) {
        return new EventSourceMappingSettings(queueArn, region, functionName, batchSize, maximumBatchingWindow,
                maximumConcurrency, value, functionMemoryMb, reportBatchItemFailures, recursiveLoop);
    }

    public EventSourceMappingSettings withFunctionMemoryMb(int value) {
        return new EventSourceMappingSettings(queueArn, region, functionName, batchSize, maximumBatchingWindow,
                maximumConcurrency, functionTimeout, value, reportBatchItemFailures, recursiveLoop);
    }

    public EventSourceMappingSettings withReportBatchItemFailures(boolean value) {
        return new EventSourceMappingSettings(queueArn, region, functionName, batchSize, maximumBatchingWindow,
                maximumConcurrency, functionTimeout, functionMemoryMb, value, recursiveLoop);
    }

    public EventSourceMappingSettings withRecursiveLoop(RecursiveLoop value) {
        return new EventSourceMappingSettings(queueArn, region, functionName, batchSize, maximumBatchingWindow,
                maximumConcurrency, functionTimeout, functionMemoryMb, reportBatchItemFailures, value);
    }

    private static void requireNonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
