package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.oktaprov.local.sqs.InvocationOutcome;
import dev.oktaprov.local.sqs.InvocationReport;
import dev.oktaprov.local.sqs.LocalSqs;
import dev.oktaprov.simulator.Fault;
import dev.oktaprov.simulator.FaultPlan;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The onboarding function end to end: messages on a real SQS queue (ElasticMQ) with a RedrivePolicy
 * of 5 receives, the local event source mapping invoking the handler, the Okta simulator with its
 * faults and rate limits. Everything is proven by counting users, deliveries and DLQ messages.
 */
class OnboardingQueueEndToEndTest {

    private static final Duration DRAINED = Duration.ofSeconds(60);
    private static final int MAX_RECEIVE_COUNT = 5;

    private static LocalSqs sqs;

    @BeforeAll
    static void startSqs() {
        sqs = LocalSqs.start(Map.of());
    }

    @AfterAll
    static void stopSqs() {
        sqs.close();
    }

    private static OnboardingStack stack(SimulatorOptions simulator) {
        return new OnboardingStack(sqs, simulator.withToken("test-token"), MAX_RECEIVE_COUNT, false);
    }

    @Test
    void fiveHundredHiresThroughFaultsAndLostAnswersBecomeExactlyFiveHundredUsers() throws InterruptedException {
        // 10 % of Okta requests fail with 500/503/504 and 5 % of creates lose their answer after
        // creating the user. Two attempts per call push some messages through SQS redrive as well.
        FaultPlan faults = FaultPlan.none().withErrorRate(0.10).withErrorStatuses(500, 503, 504).withLostAnswerRate(0.05);
        try (OnboardingStack stack = stack(SimulatorOptions.defaults().withFaults(faults)
                .withLimit(RateLimitBucket.USERS, 100_000))) {
            stack.env.put("OKTA_MAX_ATTEMPTS", "2");
            stack.start(settings -> settings.withMaximumConcurrency(3), report -> { });
            List<String> hires = Hires.hires(0, 500);
            stack.send(hires);

            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            assertThat(stack.okta.userCount()).isEqualTo(500);
            assertThat(stack.okta.users()).extracting(SimulatedUser::login)
                    .containsExactlyInAnyOrderElementsOf(hires.stream().map(OnboardingQueueEndToEndTest::loginOf).toList());
            assertThat(stack.deadLetters()).isEmpty();
            assertThat(sqs.approximateCount(stack.queue.queueUrl())).isZero();
            // The faults did happen, and some hires needed a second delivery.
            assertThat(stack.okta.counters().faults(Fault.LOST_ANSWER)).isPositive();
            assertThat(stack.okta.counters().totalFaults()).isGreaterThan(20);
        }
    }

    @Test
    void invalidMalformedAndConflictingHiresAreInTheDlqAfterOneReceiveWithTheirReason() throws InterruptedException {
        try (OnboardingStack stack = stack(SimulatorOptions.defaults())) {
            stack.okta.seedUsers(SeedUser.of("taken@example.com", "Someone", "Else"));
            stack.start();
            String valid = Hires.hire(1);
            String missingLastName = "{\"firstName\":\"Ann\",\"email\":\"ann@example.com\",\"login\":\"ann@example.com\"}";
            String malformed = "{\"firstName\":\"Bob\",";
            String conflicting = Hires.hire("taken@example.com", "Carol", "Jones");
            Map<String, Object> withPassword = new LinkedHashMap<>();
            withPassword.put("firstName", "Dan");
            withPassword.put("lastName", "Brown");
            withPassword.put("email", "dan@example.com");
            withPassword.put("login", "dan@example.com");
            withPassword.put("password", "Sup3r-Secret-Passw0rd");
            withPassword.put("nextLogin", "changePassword"); // needs activate=true: invalid
            String invalidWithPassword = Hires.json(withPassword);
            stack.send(valid, missingLastName, malformed, conflicting, invalidWithPassword);

            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            List<Message> dead = stack.deadLetters();
            assertThat(dead).hasSize(4);
            Map<String, Message> byCode = new LinkedHashMap<>();
            dead.forEach(m -> byCode.put(m.body().contains("Dan") ? "PASSWORD" : text(m, "errorCode"), m));
            assertThat(byCode.keySet()).containsExactlyInAnyOrder("INVALID_INPUT", "MALFORMED_JSON", "LOGIN_CONFLICT", "PASSWORD");
            assertThat(byCode.get("INVALID_INPUT").body()).isEqualTo(missingLastName);
            assertThat(text(byCode.get("INVALID_INPUT"), "errorMessage")).contains("lastName is required");
            assertThat(byCode.get("MALFORMED_JSON").body()).isEqualTo(malformed);
            assertThat(byCode.get("LOGIN_CONFLICT").body()).isEqualTo(conflicting);
            assertThat(text(byCode.get("LOGIN_CONFLICT"), "oktaRequestId")).isNotBlank();
            Message passwordHire = byCode.get("PASSWORD");
            assertThat(text(passwordHire, "errorCode")).isEqualTo("INVALID_INPUT");
            assertThat(passwordHire.body()).doesNotContain("Sup3r-Secret-Passw0rd").doesNotContain("password")
                    .contains("\"nextLogin\":\"changePassword\"");
            assertThat(text(passwordHire, "removedFields")).isEqualTo("password");
            for (Message message : dead) {
                assertThat(text(message, "attempts")).isEqualTo("1");
                assertThat(text(message, "sourceMessageId")).isNotBlank();
                assertThat(text(message, "failedAt")).isNotBlank();
                assertThat(message.messageAttributes().values()).extracting(MessageAttributeValue::stringValue)
                        .noneMatch(value -> value.contains("Sup3r-Secret-Passw0rd"));
            }
            for (String body : List.of(missingLastName, malformed, conflicting, invalidWithPassword)) {
                assertThat(stack.deliveriesOf(body)).as("deliveries of %s", body).hasSize(1);
            }
            assertThat(stack.okta.findByLogin("hire1@example.com")).isPresent();
            assertThat(stack.okta.findByLogin("taken@example.com").orElseThrow().lastName()).isEqualTo("Else");
            assertThat(stack.okta.userCount()).isEqualTo(2);
        }
    }

    @Test
    void aFiveHundredThatNeverEndsReachesTheDlqThroughRedriveAfterFiveReceives() throws InterruptedException {
        try (OnboardingStack stack = stack(SimulatorOptions.defaults()
                .withFaults(FaultPlan.none().withErrorRate(1.0).withErrorStatuses(500, 503)))) {
            stack.start();
            String hire = Hires.hire(7);
            stack.send(hire);

            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            assertThat(stack.deliveriesOf(hire)).extracting(OnboardingQueueEndToEndTest::receiveCount)
                    .containsExactly(1, 2, 3, 4, 5);
            assertThat(stack.deadLetters()).extracting(Message::body).containsExactly(hire);
            assertThat(stack.okta.userCount()).isZero();
        }
    }

    @Test
    void aRedeliveredMessageWhoseUserWasCreatedSucceedsWithoutASecondUser() throws InterruptedException {
        // The first create's answer is lost; with one attempt per call the message comes back.
        try (OnboardingStack stack = stack(SimulatorOptions.defaults().withFaults(FaultPlan.none().withNext(Fault.LOST_ANSWER)))) {
            stack.env.put("OKTA_MAX_ATTEMPTS", "1");
            stack.start();
            String hire = Hires.hire(3);
            stack.send(hire);

            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            assertThat(stack.deliveriesOf(hire)).extracting(OnboardingQueueEndToEndTest::receiveCount).containsExactly(1, 2);
            assertThat(stack.okta.userCount()).isEqualTo(1);
            assertThat(stack.okta.counters().usersCreated()).isEqualTo(1);
            assertThat(stack.deadLetters()).isEmpty();
        }
    }

    @Test
    void theSameLoginTwiceInOneBatchIsOneUser() throws InterruptedException {
        try (OnboardingStack stack = stack(SimulatorOptions.defaults())) {
            stack.env.put("ONBOARDING_PARALLELISM", "4");
            String first = Hires.hire("Jane.Doe@example.com", "Jane", "Doe");
            String second = Hires.hire("jane.doe@EXAMPLE.com", "Jane", "Doe");
            stack.send(first, second, Hires.hire(1), Hires.hire(2));
            // Queued before polling starts, and one poller: all four arrive in one batch.
            stack.start(settings -> settings.withMaximumConcurrency(1), report -> { });

            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            assertThat(stack.reports).hasSize(1);
            assertThat(stack.okta.users()).extracting(SimulatedUser::login)
                    .containsExactlyInAnyOrder("Jane.Doe@example.com", "hire1@example.com", "hire2@example.com");
            assertThat(stack.deadLetters()).isEmpty();
            assertThat(stack.received).hasSize(4);
        }
    }

    @Test
    void aLowRateLimitCreatesEveryoneWithNothingInTheDlqAndAtMostOne429PerWindowPerWorker() throws InterruptedException {
        int hires = 120;
        try (OnboardingStack stack = stack(SimulatorOptions.defaults().withLimit(RateLimitBucket.USERS, 60))) {
            int pollers = 2;
            int workersPerPoller = 2;
            stack.env.put("ONBOARDING_PARALLELISM", Integer.toString(workersPerPoller));
            stack.start(settings -> settings.withMaximumConcurrency(pollers), report -> { });
            var started = stack.clock.instant();
            stack.send(Hires.hires(0, hires));

            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            assertThat(stack.okta.userCount()).isEqualTo(hires);
            assertThat(stack.deadLetters()).isEmpty();
            assertThat(stack.reports).extracting(InvocationReport::outcome)
                    .doesNotContain(InvocationOutcome.FUNCTION_ERROR, InvocationOutcome.TIMEOUT);
            // 120 creates at 30 a window (50 % of 60) take four windows; with the whole bucket they would
            // fit in two. (The simulator on a test clock lets a few requests more through per window.)
            long windows = Duration.between(started, stack.clock.instant()).toSeconds() / 60 + 1;
            assertThat(windows).isGreaterThanOrEqualTo(3);
            assertThat(stack.okta.counters().rateLimited(RateLimitBucket.USERS))
                    .isLessThanOrEqualTo(windows * pollers * workersPerPoller);
        }
    }

    @Test
    void throttlingAloneNeverSendsAMessageToTheDlqEvenWhenThrottledMoreOftenThanMaxReceiveCount() throws InterruptedException {
        // One create a minute: the second hire finds the budget spent, and a 10 s function cannot
        // wait for the reset, so it is throttled on every delivery until Okta's clock moves on.
        int throttledDeliveries = MAX_RECEIVE_COUNT + 3;
        String first = Hires.hire(1);
        String second = Hires.hire(2);
        CountDownLatch throttledEnough = new CountDownLatch(1);
        try (OnboardingStack stack = stack(SimulatorOptions.defaults().withLimit(RateLimitBucket.USERS, 1))) {
            stack.start(settings -> settings.withMaximumConcurrency(1).withFunctionTimeout(Duration.ofSeconds(10)),
                    report -> {
                        if (stack.deliveriesOf(second).size() >= throttledDeliveries) {
                            throttledEnough.countDown();
                        }
                    });
            // The first becomes a user alone: in one batch the two would race for the one create a minute.
            stack.send(first);
            assertThat(stack.awaitDrained(DRAINED)).isTrue();
            stack.send(second);

            assertThat(throttledEnough.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(stack.okta.findByLogin("hire2@example.com")).isEmpty();
            stack.clock.advance(Duration.ofSeconds(61));
            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            List<SQSEvent.SQSMessage> deliveries = stack.deliveriesOf(second);
            assertThat(deliveries).hasSizeGreaterThan(MAX_RECEIVE_COUNT);
            assertThat(deliveries).extracting(OnboardingQueueEndToEndTest::receiveCount).containsOnly(1);
            assertThat(deliveries.get(deliveries.size() - 1).getMessageAttributes().get("throttleCount").getStringValue())
                    .isEqualTo(Integer.toString(deliveries.size() - 1));
            assertThat(deliveries.subList(1, deliveries.size()))
                    .extracting(m -> m.getMessageAttributes().get("originalMessageId").getStringValue())
                    .containsOnly(deliveries.get(0).getMessageId());
            assertThat(stack.okta.users()).extracting(SimulatedUser::login)
                    .containsExactlyInAnyOrder("hire1@example.com", "hire2@example.com");
            assertThat(stack.deadLetters()).isEmpty();
        }
    }

    @Test
    void fifoKeepsOrderAndReturnsTheFirstFailureWithEverythingAfterIt() throws InterruptedException {
        // Okta's second request (hire 2's create) fails once; the invalid message needs no request.
        FaultPlan secondRequestFails = FaultPlan.none().withNext(Fault.LATENCY, Fault.ERROR_503);
        try (OnboardingStack stack = new OnboardingStack(sqs, SimulatorOptions.defaults().withToken("test-token")
                .withFaults(secondRequestFails), MAX_RECEIVE_COUNT, true)) {
            stack.env.put("OKTA_MAX_ATTEMPTS", "1");
            String invalid = "{\"firstName\":\"No\",\"lastName\":\"Login\",\"email\":\"no.login@example.com\"}";
            // Queued before polling starts, so the first batch holds all four.
            List<String> ids = stack.send(Hires.hire(1), invalid, Hires.hire(2), Hires.hire(3));
            stack.start();

            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            InvocationReport first = stack.reports.get(0);
            assertThat(first.messageIds()).isEqualTo(ids);
            assertThat(first.returnedMessageIds()).containsExactly(ids.get(2), ids.get(3));
            assertThat(stack.okta.users()).extracting(SimulatedUser::login)
                    .containsExactly("hire1@example.com", "hire2@example.com", "hire3@example.com");
            assertThat(stack.deliveriesOf(Hires.hire(3))).extracting(OnboardingQueueEndToEndTest::receiveCount)
                    .containsExactly(1, 2);
            assertThat(stack.deadLetters()).extracting(Message::body).containsExactly(invalid);
        }
    }

    private static String text(Message message, String attribute) {
        MessageAttributeValue value = message.messageAttributes().get(attribute);
        return value == null ? null : value.stringValue();
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        return Integer.parseInt(message.getAttributes().get("ApproximateReceiveCount"));
    }

    private static String loginOf(String body) {
        int at = body.indexOf("\"login\":\"") + "\"login\":\"".length();
        return body.substring(at, body.indexOf('"', at));
    }
}
