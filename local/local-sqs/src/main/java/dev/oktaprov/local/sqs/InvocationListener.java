package dev.oktaprov.local.sqs;

/**
 * Told about every finished invocation, after the mapping has deleted what succeeded. Called on the
 * mapping's poller threads, several at once when concurrency is above 1: keep it quick and
 * thread-safe. An exception it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface InvocationListener {

    InvocationListener NONE = report -> { };

    void invocationFinished(InvocationReport report);
}
