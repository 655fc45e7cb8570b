package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.oktaprov.local.sqs.EventSourceMappingSettings;
import dev.oktaprov.local.sqs.RecursiveLoop;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A hire throttled again and again, through the local event source mapping that counts hops in the
 * {@code AWSTraceHeader} lineage as Lambda does: with the template's {@code RecursiveLoop: Allow} it
 * becomes a user however often it was re-sent; with Lambda's default it would be dropped after 16
 * invocations; and {@code ONBOARDING_MAX_RESENDS} bounds the loop the function itself makes.
 */
class RecursiveLoopEndToEndTest {

    private static final Duration DRAINED = Duration.ofSeconds(60);
    private static final int MAX_RECEIVE_COUNT = 5;
    // One create a minute: the second hire finds the budget spent, and a 10 s function cannot wait
    // for the reset, so it is throttled on every delivery until Okta's clock moves on.
    private static final UnaryOperator<EventSourceMappingSettings> SHORT_FUNCTION =
            settings -> settings.withMaximumConcurrency(1).withFunctionTimeout(Duration.ofSeconds(10));

    @RegisterExtension
    static final ElasticMq ELASTIC_MQ = new ElasticMq();

    private static OnboardingStack throttlingStack() {
        return new OnboardingStack(ELASTIC_MQ.sqs(), SimulatorOptions.defaults().withToken("test-token").withLimit(RateLimitBucket.USERS, 1),
                MAX_RECEIVE_COUNT, false);
    }

    @Test
    void aHireThrottledThirtyTimesStillBecomesAUserWithNothingInTheDlq() throws InterruptedException {
        String second = Hires.hire(2);
        try (OnboardingStack stack = throttlingStack()) {
            CountDownLatch throttledEnough = new CountDownLatch(1);
            stack.start(SHORT_FUNCTION, report -> {
                if (stack.deliveriesOf(second).size() > 30) {
                    throttledEnough.countDown();
                }
            });
            sendInTurn(stack, second);

            assertThat(throttledEnough.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(stack.okta.findByLogin("hire2@example.com")).isEmpty();
            stack.clock.advance(Duration.ofSeconds(61));
            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            List<SQSEvent.SQSMessage> deliveries = stack.deliveriesOf(second);
            assertThat(deliveries).hasSizeGreaterThan(30);
            assertThat(deliveries).extracting(RecursiveLoopEndToEndTest::receiveCount).containsOnly(1);
            assertThat(stack.okta.users()).extracting(SimulatedUser::login)
                    .containsExactlyInAnyOrder("hire1@example.com", "hire2@example.com");
            assertThat(stack.deadLetters()).isEmpty();
        }
    }

    @Test
    void withLambdasDefaultRecursiveLoopTheSameHireWouldBeDroppedAfterSixteenInvocations() throws InterruptedException {
        String second = Hires.hire(2);
        try (OnboardingStack stack = throttlingStack()) {
            stack.start(settings -> SHORT_FUNCTION.apply(settings).withRecursiveLoop(RecursiveLoop.TERMINATE),
                    report -> { });
            sendInTurn(stack, second);

            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            assertThat(stack.deliveriesOf(second)).hasSize(16);
            List<Message> dead = stack.deadLetters();
            assertThat(dead).extracting(Message::body).containsExactly(second);
            assertThat(dead.get(0).messageAttributes()).as("dropped by Lambda, not dead-lettered by the function")
                    .doesNotContainKey("errorCode");
            assertThat(stack.okta.findByLogin("hire2@example.com")).isEmpty();
        }
    }

    @Test
    void afterMaxResendsAThrottledHireCountsReceivesSoRedriveEndsALoopThatNeverWould() throws InterruptedException {
        String second = Hires.hire(2);
        try (OnboardingStack stack = throttlingStack()) {
            stack.env.put("ONBOARDING_MAX_RESENDS", "3");
            stack.start(SHORT_FUNCTION, report -> { });
            sendInTurn(stack, second);

            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            List<SQSEvent.SQSMessage> deliveries = stack.deliveriesOf(second);
            assertThat(deliveries).extracting(RecursiveLoopEndToEndTest::throttleCount).containsExactly(0, 1, 2, 3, 3, 3, 3, 3);
            assertThat(deliveries.stream().filter(withThrottleCount(3)).map(RecursiveLoopEndToEndTest::receiveCount))
                    .containsExactly(1, 2, 3, 4, 5);
            assertThat(stack.deadLetters()).extracting(Message::body).containsExactly(second);
        }
    }

    /**
     * Hire 1 becomes a user before {@code second} is sent: in one batch the two would race for the one
     * create a minute, and then hire 1 is sometimes the one throttled (seen once on a busy machine).
     */
    private static void sendInTurn(OnboardingStack stack, String second) throws InterruptedException {
        stack.send(Hires.hire(1));
        assertThat(stack.awaitDrained(DRAINED)).isTrue();
        assertThat(stack.okta.findByLogin("hire1@example.com")).isPresent();
        stack.send(second);
    }

    private static Predicate<SQSEvent.SQSMessage> withThrottleCount(int count) {
        return message -> throttleCount(message) == count;
    }

    private static int throttleCount(SQSEvent.SQSMessage message) {
        SQSEvent.MessageAttribute count = message.getMessageAttributes().get("throttleCount");
        return count == null ? 0 : Integer.parseInt(count.getStringValue());
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        return Integer.parseInt(message.getAttributes().get("ApproximateReceiveCount"));
    }
}
