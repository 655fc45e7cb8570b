package dev.oktaprov.onboarding;

import static dev.oktaprov.onboarding.OneBatch.failures;
import static dev.oktaprov.onboarding.OneBatch.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.oktaprov.simulator.Fault;
import dev.oktaprov.simulator.FaultPlan;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One batch of a FIFO queue (ElasticMQ) through the handler: a message that must come back holds back
 * the later messages of its own group only, each returned for the time of the first of its group;
 * nothing is ever re-sent (a copy would jump the order). See {@link OneBatch}.
 */
class FifoBatchTest {

    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();

    private static final List<String> GROUPS = List.of("team-a", "team-b", "team-a", "team-b", "team-a");

    @Test
    void aFailedMessageHoldsBackTheRestOfItsGroupWhileTheOtherGroupIsOnboarded() {
        // Okta's first answer, the first hire's create, is a 503; one attempt per call.
        try (OneBatch batch = new OneBatch(SQS, SimulatorOptions.defaults().withFaults(FaultPlan.none().withNext(Fault.ERROR_503)),
                true)) {
            batch.env.put("ONBOARDING_RETRY_BASE_SECONDS", "7");
            SQSEvent event = batch.received(Hires.hires(1, 5), GROUPS);
            List<String> ids = ids(event);

            SQSBatchResponse response = batch.invoke(event, Duration.ofSeconds(60));

            assertThat(failures(response)).containsExactly(ids.get(0), ids.get(2), ids.get(4));
            assertThat(batch.settlement(ids.get(0))).isEqualTo("RETRY_LATER RETURNED 7 OKTA_UNAVAILABLE");
            assertThat(batch.settlement(ids.get(1))).isEqualTo("CREATED DELETED - -");
            assertThat(batch.settlement(ids.get(2))).isEqualTo("NOT_STARTED RETURNED 7 OKTA_UNAVAILABLE");
            assertThat(batch.settlement(ids.get(3))).isEqualTo("CREATED DELETED - -");
            assertThat(batch.settlement(ids.get(4))).isEqualTo("NOT_STARTED RETURNED 7 OKTA_UNAVAILABLE");
            assertThat(batch.settled(ids.get(2)).path("message").asText()).contains("an earlier message of its FIFO message group failed");
            assertThat(batch.lines()).as("an Okta outage is no bug").noneSatisfy(line -> assertThat(line).contains("Unexpected failure"));
            assertThat(batch.lines()).as("SQS took every visibility change").noneSatisfy(line -> assertThat(line)
                    .contains("Could not change the visibility"));
            assertThat(batch.okta.users()).extracting(SimulatedUser::login)
                    .containsExactlyInAnyOrder("hire2@example.com", "hire4@example.com");
            assertThat(SQS.sqs().attribute(batch.queue.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .as("held back, no copy").isEqualTo("3");
            assertThat(batch.counts()).containsEntry("OnboardingRetried", 1.0).containsEntry("OnboardingNotStarted", 2.0)
                    .containsEntry("UsersCreated", 2.0);
        }
    }

    @Test
    void aThrottleStopsEveryGroupAndEachComesBackAfterOktasReset() {
        try (OneBatch batch = new OneBatch(SQS, SimulatorOptions.defaults().withLimit(RateLimitBucket.USERS, 1), true)) {
            SQSEvent event = batch.received(Hires.hires(1, 5), GROUPS);
            List<String> ids = ids(event);

            SQSBatchResponse response = batch.invoke(event, Duration.ofSeconds(10));

            long wait = batch.secondsUntilOktaHasRoom();
            assertThat(failures(response)).containsExactly(ids.get(1), ids.get(2), ids.get(3), ids.get(4));
            assertThat(batch.settlement(ids.get(0))).isEqualTo("CREATED DELETED - -");
            assertThat(batch.settlement(ids.get(1))).isEqualTo("THROTTLED RETURNED " + wait + " RATE_LIMITED");
            for (String id : ids.subList(2, 5)) {
                assertThat(batch.settlement(id)).isEqualTo("NOT_STARTED RETURNED " + wait + " RATE_LIMITED");
            }
            assertThat(batch.settled(ids.get(2)).path("message").asText()).contains("Okta's rate limit was reached in this batch");
            assertThat(batch.okta.userCount()).isEqualTo(1);
            assertThat(SQS.sqs().attribute(batch.queue.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                    .as("FIFO never re-sends").isEqualTo("0");
        }
    }

    @Test
    void refusedCredentialsHoldEveryGroupForTheLongestDelay() {
        try (OneBatch batch = new OneBatch(SQS, SimulatorOptions.defaults(), true)) {
            batch.env.put("OKTA_API_TOKEN", "00wrongTOKENwrongTOKENwrongTOKEN0123456");
            batch.env.put("ONBOARDING_THROTTLE_MAX_DELAY_SECONDS", "600");
            SQSEvent event = batch.received(Hires.hires(1, 3), GROUPS.subList(0, 3));
            List<String> ids = ids(event);

            SQSBatchResponse response = batch.invoke(event, Duration.ofSeconds(60));

            assertThat(failures(response)).containsExactlyElementsOf(ids);
            assertThat(batch.settlement(ids.get(0))).isEqualTo("CONFIGURATION_FAILED RETURNED 600 OKTA_UNAUTHORIZED");
            assertThat(batch.settlement(ids.get(1))).isEqualTo("NOT_STARTED RETURNED 600 OKTA_UNAUTHORIZED");
            assertThat(batch.settlement(ids.get(2))).isEqualTo("NOT_STARTED RETURNED 600 OKTA_UNAUTHORIZED");
            assertThat(batch.okta.counters().totalRequests()).isEqualTo(1);
        }
    }

    @Test
    void theMessagesABatchHadNoTimeToStartComeBackAtOnceAndAFunctionTooShortHandsAllBack() {
        FaultPlan slowFirstAnswer = FaultPlan.none().withLatency(Duration.ofSeconds(15), 0.0).withNext(Fault.LATENCY);
        try (OneBatch batch = new OneBatch(SQS, SimulatorOptions.defaults().withFaults(slowFirstAnswer), true)) {
            batch.env.put("ONBOARDING_RETRY_BASE_SECONDS", "9");
            SQSEvent event = batch.received(Hires.hires(1, 3), GROUPS.subList(0, 3));
            List<String> ids = ids(event);

            SQSBatchResponse late = batch.invoke(event, Duration.ofSeconds(20));

            assertThat(failures(late)).containsExactly(ids.get(1), ids.get(2));
            assertThat(batch.settlement(ids.get(0))).isEqualTo("CREATED DELETED - -");
            assertThat(batch.settlement(ids.get(1))).isEqualTo("NOT_STARTED RETURNED 0 OUT_OF_TIME");
            assertThat(batch.settlement(ids.get(2))).isEqualTo("NOT_STARTED RETURNED 0 OUT_OF_TIME");

            SQSEvent again = QueueBatches.event(SQS.sqs().receiveAll(batch.queue.queueUrl()), batch.queue.queueArn(),
                    SQS.sqs().region());
            SQSBatchResponse tooShort = batch.invoke(again, Duration.ofSeconds(5));

            assertThat(failures(tooShort)).containsExactlyElementsOf(ids(again));
            assertThat(ids(again)).containsExactlyInAnyOrder(ids.get(1), ids.get(2));
            for (String id : ids(again)) {
                assertThat(batch.settlement(id)).isEqualTo("RETRY_LATER RETURNED 18 OUT_OF_TIME");
            }
        }
    }
}
