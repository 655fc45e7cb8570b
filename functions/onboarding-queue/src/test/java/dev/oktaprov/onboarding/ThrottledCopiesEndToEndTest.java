package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.local.sqs.InvocationReport;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Throttled messages (README, Onboarding queue): a copy is sent delayed until Okta's reset and the
 * original is handled; a copy SQS refuses is handed back instead, invisible for that delay, and that
 * one delivery counts.
 */
class ThrottledCopiesEndToEndTest {

    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();
    private static final Duration DRAINED = Duration.ofSeconds(60);

    @Test
    void aThrottledMessagesCopyIsDelayedUntilOktasResetAndTheOriginalIsHandled() throws InterruptedException {
        CountDownLatch firstBatch = new CountDownLatch(1);
        List<OnboardingRuntime> runtimes = new CopyOnWriteArrayList<>();
        List<String> lines;
        try (OnboardingStack stack = new OnboardingStack(SQS.sqs(), SimulatorOptions.defaults().withToken("test-token")
                .withLimit(RateLimitBucket.USERS, 1), 5, false);
             CapturedLogs logs = new CapturedLogs()) {
            stack.runtimes = environment -> {
                OnboardingRuntime runtime = OnboardingRuntime.of(ProvisioningRuntime.builder(environment).clock(stack.clock).sleeper(stack.clock::advance).random(new Random(5)));
                runtimes.add(runtime);
                return runtime;
            };
            stack.env.put("ONBOARDING_PARALLELISM", "1");
            stack.env.put("ONBOARDING_THROTTLE_MAX_DELAY_SECONDS", "900");
            List<String> sent = stack.send(Hires.hire(1), Hires.hire(2));
            // A 10 s function cannot wait for Okta's next window: the second hire is throttled.
            stack.start(settings -> settings.withMaximumConcurrency(1).withFunctionTimeout(Duration.ofSeconds(10)),
                    report -> firstBatch.countDown());

            assertThat(firstBatch.await(30, TimeUnit.SECONDS)).isTrue();
            lines = logs.lines();

            InvocationReport first = stack.reports.get(0);
            assertThat(first.messageIds()).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(first.returnedMessageIds()).as("the throttled original is handled, not handed back").isEmpty();
            String throttled = first.messageIds().get(1);
            JsonNode settled = LoggedSettlements.of(lines, throttled).get(0);
            assertThat(settled.path("outcome").asText()).isEqualTo("THROTTLED");
            assertThat(settled.path("disposition").asText()).isEqualTo("RESENT");
            // The wait the Okta client computed: until the reset of the window Okta announced, plus a second.
            assertThat(settled.path("delay_seconds").asLong()).isEqualTo(secondsUntilRoom(runtimes.get(0), stack));
            assertThat(SQS.sqs().attribute(stack.queue.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                    .as("the copy, held back by SQS").isEqualTo("1");
            assertThat(SQS.sqs().attribute(stack.queue.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    .as("nothing visible before the reset").isEqualTo("0");
            assertThat(stack.okta.users()).extracting(SimulatedUser::login).containsExactly("hire1@example.com");
        }
    }

    @Test
    void aCopySqsRefusesIsHandedBackForTheDelayAndThatDeliveryCounts() throws InterruptedException {
        // Nine copies of 30 KB each exceed what one SendMessageBatch may carry (256 KB in all), so SQS
        // refuses the re-send; each original was small enough to be sent on its own.
        int hires = 10;
        List<String> bodies = new ArrayList<>();
        for (int i = 1; i <= hires; i++) {
            bodies.add(largeHire(i));
        }
        List<String> lines;
        try (OnboardingStack stack = new OnboardingStack(SQS.sqs(), SimulatorOptions.defaults().withToken("test-token")
                .withLimit(RateLimitBucket.USERS, 1), 5, false);
             CapturedLogs logs = new CapturedLogs()) {
            stack.env.put("ONBOARDING_PARALLELISM", "1");
            // Handed back for at most a second, so the test need not wait for Okta's minute.
            stack.env.put("ONBOARDING_THROTTLE_MAX_DELAY_SECONDS", "1");
            for (String body : bodies) {
                stack.send(body);
            }
            stack.start(settings -> settings.withMaximumConcurrency(1).withFunctionTimeout(Duration.ofSeconds(10)), report -> {
                if (stack.reports.size() == 1) {
                    // Okta's next window, with room for everyone.
                    stack.okta.setLimit(RateLimitBucket.USERS, 600);
                    stack.clock.advance(Duration.ofSeconds(61));
                }
            });

            assertThat(stack.awaitDrained(DRAINED)).isTrue();
            lines = logs.lines();

            InvocationReport first = stack.reports.get(0);
            assertThat(first.messageIds()).hasSize(hires);
            List<String> handedBack = first.messageIds().subList(1, hires);
            assertThat(first.returnedMessageIds()).containsExactlyInAnyOrderElementsOf(handedBack);
            for (String id : handedBack) {
                JsonNode settled = LoggedSettlements.of(lines, id).get(0);
                assertThat(settled.path("outcome").asText()).isIn("THROTTLED", "NOT_STARTED");
                assertThat(settled.path("disposition").asText()).isEqualTo("RETURNED");
                assertThat(settled.path("delay_seconds").asText()).isEqualTo("1");
                List<SQSEvent.SQSMessage> deliveries = stack.received.stream().filter(m -> m.getMessageId().equals(id)).toList();
                assertThat(deliveries).extracting(m -> m.getAttributes().get("ApproximateReceiveCount")).containsExactly("1", "2");
                assertThat(deliveries.get(1).getMessageAttributes()).as("the same message, not a copy")
                        .doesNotContainKey("originalMessageId");
            }
            assertThat(stack.okta.userCount()).isEqualTo(hires);
            assertThat(stack.deadLetters()).isEmpty();
        }
    }

    private static long secondsUntilRoom(OnboardingRuntime runtime, OnboardingStack stack) {
        Instant resetsAt = runtime.provisioning().okta().budget().state(OktaClient.BUCKET_CREATE_USER).orElseThrow().resetsAt();
        Duration wait = Duration.between(stack.clock.instant(), resetsAt).plusSeconds(1);
        return wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    }

    private static String largeHire(int number) {
        Map<String, Object> profile = new LinkedHashMap<>();
        for (String name : List.of("notes", "history", "comments")) {
            profile.put(name, name.charAt(0) + "x".repeat(9_999));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", "First" + number);
        body.put("lastName", "Last" + number);
        body.put("email", "hire" + number + "@example.com");
        body.put("login", "hire" + number + "@example.com");
        body.put("profile", profile);
        return Hires.json(body);
    }
}
