package dev.oktaprov.onboarding;

import dev.oktaprov.onboarding.Settlement.Disposition;
import dev.oktaprov.onboarding.Settlement.Settled;
import dev.oktaprov.runtime.ProvisioningMetrics;
import dev.oktaprov.time.Deadline;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The onboarding use case for one SQS batch: read each message as a new hire, create the users,
 * settle every message (handled, re-sent or returned), log and count each one; {@link BatchScheduler} orders the work.
 */
final class OnboardingUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(OnboardingUseCase.class);

    private final BatchScheduler scheduler;
    private final Settlement settlement;
    private final Function<String, SourceQueue> sourceQueues;
    private final ProvisioningMetrics metrics;
    private final Clock clock;

    /** @param clock what "today" is for the messages' start dates */
    OnboardingUseCase(BatchScheduler scheduler, Settlement settlement, Function<String, SourceQueue> sourceQueues,
            ProvisioningMetrics metrics, Clock clock) {
        this.scheduler = scheduler;
        this.settlement = settlement;
        this.sourceQueues = sourceQueues;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param eventSourceArn the queue the batch came from; a name ending in {@code .fifo} means FIFO rules
     * @return the ids of the messages SQS must hand out again ({@code batchItemFailures}), in batch order
     */
    List<String> process(List<QueueMessage> messages, String eventSourceArn, Deadline deadline) {
        if (messages.isEmpty()) {
            return List.of();
        }
        boolean fifo = eventSourceArn != null && eventSourceArn.endsWith(".fifo");
        List<HireMessage> hires = messages.stream().map(message -> HireMessage.parse(message, clock)).toList();
        List<MessageResult> results = fifo ? scheduler.fifo(hires, deadline) : scheduler.standard(hires, deadline);
        List<Settled> settled = fifo
                ? settlement.fifo(results, () -> sourceQueues.apply(eventSourceArn))
                : settlement.standard(results, () -> sourceQueues.apply(eventSourceArn));
        settled.forEach(OnboardingUseCase::log);
        logHeldForConfiguration(results);
        OnboardingMetrics.count(metrics, results);
        return settled.stream()
                .filter(s -> s.disposition() == Disposition.RETURNED)
                .map(s -> s.result().message().messageId())
                .toList();
    }

    /** One line a person can act on, besides the per-message lines. */
    private static void logHeldForConfiguration(List<MessageResult> results) {
        long held = results.stream().filter(MessageResult::heldForConfiguration).count();
        results.stream().filter(r -> r.outcome() == MessageOutcome.CONFIGURATION_FAILED).findFirst()
                .ifPresent(first -> LOG.error("The deployment's Okta credentials were refused ({}: {}); {} messages of this"
                        + " batch wait in the queue until the secret, the app's scopes or the token's admin role is fixed",
                        first.failure().code(), first.failure().message(), held));
    }

    private static void log(Settled settled) {
        MessageResult result = settled.result();
        Failure failure = result.failure();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("message_id", result.message().messageId());
        fields.put("outcome", result.outcome().name());
        fields.put("disposition", settled.disposition().name());
        fields.put("receive_count", Integer.toString(result.message().receiveCount()));
        fields.put("login", result.hire().maskedLogin());
        if (failure != null) {
            fields.put("error_code", failure.code());
            if (failure.oktaRequestId() != null) {
                fields.put("okta_request_id", failure.oktaRequestId());
            }
        }
        if (settled.disposition() != Disposition.DELETED) {
            fields.put("delay_seconds", Long.toString(settled.delay().toSeconds()));
        }
        fields.forEach(MDC::put);
        try {
            if (failure == null) {
                LOG.info("Onboarding message {}: {}", result.message().messageId(), result.outcome());
            } else {
                LOG.warn("Onboarding message {}: {} ({}): {}", result.message().messageId(), result.outcome(),
                        failure.code(), failure.message());
            }
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }
}
