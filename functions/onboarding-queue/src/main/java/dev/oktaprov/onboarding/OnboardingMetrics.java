package dev.oktaprov.onboarding;

import dev.oktaprov.runtime.ProvisioningMetrics;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * One count per message outcome, added once per batch on the handler's thread. Created and
 * already-existed users go to the core's {@code UsersCreated} / {@code UsersAlreadyExisted};
 * throttle waits are the core's {@code OktaThrottled}.
 */
final class OnboardingMetrics {

    static final String DEAD_LETTERED = "OnboardingDeadLettered";
    static final String DEAD_LETTER_FAILED = "OnboardingDeadLetterFailed";
    static final String RETRIED = "OnboardingRetried";
    static final String THROTTLED = "OnboardingThrottled";
    static final String NOT_STARTED = "OnboardingNotStarted";
    /** Messages that met a refusal of the deployment's credentials: the alarm OnboardingConfigurationAlarm watches it. */
    static final String CONFIGURATION_FAILURES = "OnboardingConfigurationFailures";

    private static final Map<MessageOutcome, String> OWN_NAMES = new EnumMap<>(Map.of(
            MessageOutcome.DEAD_LETTERED, DEAD_LETTERED,
            MessageOutcome.DEAD_LETTER_FAILED, DEAD_LETTER_FAILED,
            MessageOutcome.RETRY_LATER, RETRIED,
            MessageOutcome.THROTTLED, THROTTLED,
            MessageOutcome.CONFIGURATION_FAILED, CONFIGURATION_FAILURES,
            MessageOutcome.NOT_STARTED, NOT_STARTED));

    private OnboardingMetrics() {}

    static void count(ProvisioningMetrics metrics, List<MessageResult> results) {
        Map<MessageOutcome, Integer> counts = new EnumMap<>(MessageOutcome.class);
        for (MessageResult result : results) {
            counts.merge(result.outcome(), 1, Integer::sum);
            switch (result.outcome()) {
                case CREATED -> metrics.userCreated();
                case ALREADY_EXISTED -> metrics.userAlreadyExisted();
                case DEAD_LETTERED, DEAD_LETTER_FAILED -> countReason(metrics, result.failure());
                default -> { }
            }
        }
        counts.forEach((outcome, count) -> {
            String name = OWN_NAMES.get(outcome);
            if (name != null) {
                metrics.powertools().addMetric(name, count, MetricUnit.COUNT);
            }
        });
    }

    // A dead letter's failure is always a permanent one, with its code.
    private static void countReason(ProvisioningMetrics metrics, Failure failure) {
        switch (failure.code()) {
            case "LOGIN_CONFLICT" -> metrics.loginConflict();
            case "INVALID_INPUT", Failure.MALFORMED_JSON -> metrics.invalidInput();
            default -> { }
        }
    }
}
