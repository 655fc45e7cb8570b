package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.simulator.Fault;
import dev.oktaprov.simulator.FaultPlan;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every onboarding metric the README lists, read from the EMF lines the function writes while it works
 * through a real queue (ElasticMQ) against the Okta simulator: what a dashboard or an alarm would see.
 * One poller and one worker, so each run's totals are exact.
 */
class OnboardingMetricsEndToEndTest {

    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();
    private static final Duration DRAINED = Duration.ofSeconds(60);

    @Test
    void createdExistedConflictingInvalidAndRetriedHires() throws InterruptedException {
        // Okta's first answer is a 503; with one attempt per call that hire comes back once.
        try (OnboardingStack stack = stack(SimulatorOptions.defaults().withFaults(FaultPlan.none().withNext(Fault.ERROR_503)), 5);
             EmfOutput emf = EmfOutput.capture()) {
            stack.okta.seedUsers(SeedUser.of("existing@example.com", "Ann", "Exists"), SeedUser.of("taken@example.com", "Someone", "Else"));
            stack.env.put("OKTA_MAX_ATTEMPTS", "1");
            stack.send(Hires.hire(1), Hires.hire("existing@example.com", "Ann", "Exists"),
                    Hires.hire("taken@example.com", "Carol", "Jones"),
                    "{\"firstName\":\"No\",\"email\":\"no.last@example.com\",\"login\":\"no.last@example.com\"}",
                    "{\"firstName\":\"Broken\",", Hires.hire(6));
            stack.start(settings -> settings.withMaximumConcurrency(1), report -> { });

            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            assertThat(emf.counts()).containsAllEntriesOf(Map.of(
                    "UsersCreated", 2.0,
                    "UsersAlreadyExisted", 1.0,
                    "LoginConflicts", 1.0,
                    "InvalidInput", 2.0,
                    "OnboardingDeadLettered", 3.0,
                    "OnboardingRetried", 1.0,
                    "OktaErrors", 1.0))
                    .doesNotContainKeys("OnboardingThrottled", "OnboardingNotStarted", "OnboardingDeadLetterFailed", "OktaThrottled");
            assertThat(emf.samples("OktaLatency")).as("one per Okta answer").isEqualTo((int) stack.okta.counters().totalRequests());
            assertThat(stack.deadLetters()).hasSize(3);
        }
    }

    @Test
    void throttledAndNotStartedHires() throws InterruptedException {
        // Two creates a minute and a 10 s function: the third hire is throttled, the fourth not started;
        // both come back as copies and are created in Okta's next window.
        try (OnboardingStack stack = stack(SimulatorOptions.defaults().withLimit(RateLimitBucket.USERS, 2), 5);
             EmfOutput emf = EmfOutput.capture()) {
            stack.env.put("OKTA_RATE_LIMIT_SHARE", "100");
            stack.send(Hires.hires(1, 4));
            stack.start(settings -> settings.withMaximumConcurrency(1).withFunctionTimeout(Duration.ofSeconds(10)), report -> {
                if (stack.reports.size() == 1) {
                    stack.clock.advance(Duration.ofSeconds(61));
                }
            });

            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            assertThat(emf.counts()).containsAllEntriesOf(Map.of(
                    "UsersCreated", 4.0,
                    "OnboardingThrottled", 1.0,
                    "OnboardingNotStarted", 1.0))
                    .doesNotContainKeys("OktaThrottled", "OnboardingRetried", "OnboardingDeadLettered");
            assertThat(stack.okta.userCount()).isEqualTo(4);
        }
    }

    @Test
    void aWaitForOktasResetIsOktaThrottled() throws InterruptedException {
        // One create a minute; the 90 s function waits for the next window instead of giving up.
        try (OnboardingStack stack = stack(SimulatorOptions.defaults().withLimit(RateLimitBucket.USERS, 1), 5);
             EmfOutput emf = EmfOutput.capture()) {
            stack.env.put("OKTA_RATE_LIMIT_SHARE", "100");
            stack.send(Hires.hires(1, 2));
            stack.start(settings -> settings.withMaximumConcurrency(1), report -> { });

            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            assertThat(emf.counts()).containsAllEntriesOf(Map.of("UsersCreated", 2.0, "OktaThrottled", 1.0))
                    .doesNotContainKeys("OnboardingThrottled", "OnboardingNotStarted");
            assertThat(stack.reports).hasSize(1);
        }
    }

    @Test
    void aDlqThatRefusesIsOnboardingDeadLetterFailed() throws InterruptedException {
        // The function's DLQ does not exist; SQS redrive (one receive) still moves the message to the real one.
        try (OnboardingStack stack = stack(SimulatorOptions.defaults(), 1);
             EmfOutput emf = EmfOutput.capture()) {
            stack.env.put("ONBOARDING_DLQ_URL", stack.queue.dlqUrl() + "-missing");
            String invalid = "{\"firstName\":\"No\",\"email\":\"no.last@example.com\",\"login\":\"no.last@example.com\"}";
            stack.send(invalid);
            stack.start(settings -> settings.withMaximumConcurrency(1), report -> { });

            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            assertThat(emf.counts()).containsAllEntriesOf(Map.of("OnboardingDeadLetterFailed", 1.0, "InvalidInput", 1.0))
                    .doesNotContainKeys("OnboardingDeadLettered", "UsersCreated");
            assertThat(stack.deadLetters()).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo(invalid));
        }
    }

    private static OnboardingStack stack(SimulatorOptions simulator, int maxReceiveCount) {
        OnboardingStack stack = new OnboardingStack(SQS.sqs(), simulator.withToken("test-token"), maxReceiveCount, false);
        stack.env.put("ONBOARDING_PARALLELISM", "1");
        return stack;
    }
}
