package dev.oktaprov.local.onboard;

import dev.oktaprov.local.functions.FunctionCounters;
import dev.oktaprov.local.sqs.EventSourceMapping;
import dev.oktaprov.runtime.ProvisioningMetrics;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Outcomes in the local set, read from the onboarding function itself: its {@code UsersCreated} and
 * {@code UsersAlreadyExisted} metrics (each message counted once, when its batch ends), its time
 * spent waiting for Okta's rate limit, and the DLQ's count for the failures (the function moves
 * permanent failures there itself; SQS redrive moves the rest after {@code maxReceiveCount}). The
 * run is settled when the poller has drained the queue: no message visible, in flight or delayed,
 * and no invocation running.
 */
public final class LocalOutcomes implements OutcomeSource {

    private final FunctionCounters counters;
    private final EventSourceMapping mapping;
    private final SqsClient sqs;
    private final String deadLetterQueueUrl;
    private long createdBefore;
    private long existedBefore;
    private long deadLettersBefore;
    private Duration waitBefore = Duration.ZERO;

    public LocalOutcomes(FunctionCounters counters, EventSourceMapping mapping, SqsClient sqs, String deadLetterQueueUrl) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.deadLetterQueueUrl = Objects.requireNonNull(deadLetterQueueUrl, "deadLetterQueueUrl");
    }

    @Override
    public void begin() {
        createdBefore = counters.total(ProvisioningMetrics.USERS_CREATED);
        existedBefore = counters.total(ProvisioningMetrics.USERS_ALREADY_EXISTED);
        deadLettersBefore = QueueCounts.of(sqs, deadLetterQueueUrl);
        waitBefore = counters.rateLimitWait();
    }

    @Override
    public Tally tally(int sent, Duration elapsed) {
        long created = counters.total(ProvisioningMetrics.USERS_CREATED) - createdBefore;
        long existed = counters.total(ProvisioningMetrics.USERS_ALREADY_EXISTED) - existedBefore;
        long failed = Math.max(0, QueueCounts.of(sqs, deadLetterQueueUrl) - deadLettersBefore);
        return new Tally(sent, created, existed, created + existed, failed, counters.rateLimitWait().minus(waitBefore),
                elapsed);
    }

    @Override
    public boolean awaitSettled(int sent, Duration wait) throws InterruptedException {
        return mapping.awaitDrained(wait);
    }
}
