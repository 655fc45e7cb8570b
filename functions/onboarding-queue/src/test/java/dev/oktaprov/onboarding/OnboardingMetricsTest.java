package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.errors.LoginConflictException;
import dev.oktaprov.errors.RateLimitedException;
import dev.oktaprov.runtime.ProvisioningMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.Clock;

/** One batch's outcomes as the EMF line CloudWatch receives: one count per outcome and per reason. */
class OnboardingMetricsTest {

    /** Start dates are checked against it; none of these messages carries one. */
    private static final Clock START_DATES_CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

    @Test
    void everyOutcomeAndReasonIsCountedOnce() {
        List<MessageResult> results = List.of(
                result(MessageOutcome.CREATED, null),
                result(MessageOutcome.CREATED, null),
                result(MessageOutcome.ALREADY_EXISTED, null),
                result(MessageOutcome.DEAD_LETTERED, Failure.of(new LoginConflictException("00u1", "req-1"))),
                result(MessageOutcome.DEAD_LETTERED, Failure.of(InvalidInputException.of("lastName", "is required"))),
                result(MessageOutcome.DEAD_LETTER_FAILED, Failure.permanent(Failure.MALFORMED_JSON, "not JSON")),
                result(MessageOutcome.RETRY_LATER, Failure.of(new IllegalStateException())),
                result(MessageOutcome.THROTTLED, Failure.of(new RateLimitedException(61, null))),
                result(MessageOutcome.NOT_STARTED, Failure.of(new RateLimitedException(61, null))),
                result(MessageOutcome.NOT_STARTED, null));

        Map<String, Double> counts;
        try (EmfOutput emf = EmfOutput.capture()) {
            ProvisioningMetrics metrics = ProvisioningMetrics.fromEnvironment(Map.of());
            OnboardingMetrics.count(metrics, results);
            metrics.flush();
            counts = emf.counts();
        }

        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
                "UsersCreated", 2.0,
                "UsersAlreadyExisted", 1.0,
                "LoginConflicts", 1.0,
                "InvalidInput", 2.0,
                "OnboardingDeadLettered", 2.0,
                "OnboardingDeadLetterFailed", 1.0,
                "OnboardingRetried", 1.0,
                "OnboardingThrottled", 1.0,
                "OnboardingNotStarted", 2.0));
    }

    @Test
    void aBatchOfCreatesCountsNothingElse() {
        Map<String, Double> counts;
        try (EmfOutput emf = EmfOutput.capture()) {
            ProvisioningMetrics metrics = ProvisioningMetrics.fromEnvironment(Map.of());
            OnboardingMetrics.count(metrics, List.of(result(MessageOutcome.CREATED, null)));
            metrics.flush();
            counts = emf.counts();
        }

        assertThat(counts).containsExactlyEntriesOf(Map.of("UsersCreated", 1.0));
    }

    private static MessageResult result(MessageOutcome outcome, Failure failure) {
        return new MessageResult(HireMessage.parse(new QueueMessage("m", "r", "{}", 1, null, Map.of()), START_DATES_CLOCK), outcome, failure);
    }
}
