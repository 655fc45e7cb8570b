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
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * When a standard queue's batch stops part-way (README, Onboarding queue) and what the messages it
 * did not start become: throttled ones wait for Okta's reset as delayed copies, refused credentials
 * hold the whole backlog in the queue, a batch whose time runs out re-sends the rest at once, and a
 * function too short for one Okta request hands the batch back. One invocation at a time
 * ({@link OneBatch}): real queues, the Okta simulator, time that passes only on Okta's clock.
 */
class BatchStopsTest {

    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();

    @Test
    void aThrottledHireStopsTheBatchAndItAndTheRestWaitForOktasResetAsDelayedCopies() {
        try (OneBatch batch = new OneBatch(SQS, SimulatorOptions.defaults().withLimit(RateLimitBucket.USERS, 1), false)) {
            SQSEvent event = batch.received(Hires.hires(1, 3));
            List<String> ids = ids(event);

            // A 10 s function cannot wait a minute for Okta's next window.
            SQSBatchResponse response = batch.invoke(event, Duration.ofSeconds(10));

            long wait = batch.secondsUntilOktaHasRoom();
            assertThat(wait).isBetween(2L, 900L);
            assertThat(failures(response)).as("the originals are handled: their copies wait").isEmpty();
            assertThat(batch.settlement(ids.get(0))).isEqualTo("CREATED DELETED - -");
            assertThat(batch.settled(ids.get(0)).path("level").asText()).isEqualTo("INFO");
            assertThat(batch.settlement(ids.get(1))).isEqualTo("THROTTLED RESENT " + wait + " RATE_LIMITED");
            assertThat(batch.settlement(ids.get(2))).isEqualTo("NOT_STARTED RESENT " + wait + " RATE_LIMITED");
            assertThat(batch.okta.users()).extracting(SimulatedUser::login).containsExactly("hire1@example.com");
            assertThat(batch.okta.counters().requests(RateLimitBucket.USERS)).as("the third hire never sent").isLessThanOrEqualTo(2);
            assertThat(SQS.sqs().attribute(batch.queue.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                    .isEqualTo("2");
            assertThat(SQS.sqs().attribute(batch.queue.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("0");
            assertThat(batch.counts()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "UsersCreated", 1.0, "OnboardingThrottled", 1.0, "OnboardingNotStarted", 1.0));
        }
    }

    @Test
    void aCopyReSentAsOftenAsAllowedGoesBackToTheQueueWhereItsReceivesCount() {
        try (OneBatch batch = new OneBatch(SQS, SimulatorOptions.defaults().withLimit(RateLimitBucket.USERS, 1), false)) {
            batch.env.put("ONBOARDING_MAX_RESENDS", "1");
            batch.env.put("ONBOARDING_THROTTLE_MAX_DELAY_SECONDS", "0");
            SQSEvent first = batch.received(Hires.hires(1, 2));
            batch.invoke(first, Duration.ofSeconds(10));
            Message copy = onlyMessage(batch);
            assertThat(copy.messageAttributes().get("throttleCount").stringValue()).isEqualTo("1");
            assertThat(copy.messageAttributes().get("originalMessageId").stringValue()).isEqualTo(ids(first).get(1));

            // Okta's window is still spent: the copy is throttled again, and has had its one re-send.
            SQSEvent again = QueueBatches.event(List.of(copy), batch.queue.queueArn(), SQS.sqs().region());
            SQSBatchResponse response = batch.invoke(again, Duration.ofSeconds(10));

            assertThat(failures(response)).containsExactly(copy.messageId());
            assertThat(batch.settlement(copy.messageId())).isEqualTo("THROTTLED RETURNED 0 RATE_LIMITED");
            assertThat(batch.lines()).anySatisfy(line -> assertThat(line)
                    .contains("Message " + copy.messageId() + " was re-sent 1 times (ONBOARDING_MAX_RESENDS)"));
        }
    }

    @Test
    void refusedCredentialsStopTheBatchAndHoldEveryMessageForTheLongestDelayWithoutADeadLetter() {
        try (OneBatch batch = new OneBatch(SQS, SimulatorOptions.defaults(), false)) {
            batch.env.put("OKTA_API_TOKEN", "00wrongTOKENwrongTOKENwrongTOKEN0123456");
            SQSEvent event = batch.received(Hires.hires(1, 3));
            List<String> ids = ids(event);

            SQSBatchResponse response = batch.invoke(event, Duration.ofSeconds(60));

            assertThat(failures(response)).isEmpty();
            assertThat(batch.settlement(ids.get(0))).isEqualTo("CONFIGURATION_FAILED RESENT 900 OKTA_UNAUTHORIZED");
            assertThat(batch.settlement(ids.get(1))).isEqualTo("NOT_STARTED RESENT 900 OKTA_UNAUTHORIZED");
            assertThat(batch.settlement(ids.get(2))).isEqualTo("NOT_STARTED RESENT 900 OKTA_UNAUTHORIZED");
            assertThat(batch.okta.counters().totalRequests()).as("one refusal, then nothing more sent").isEqualTo(1);
            assertThat(batch.settled(ids.get(0)).path("okta_request_id").asText()).as("Okta's id of its refusal").isNotEmpty();
            assertThat(batch.settled(ids.get(1)).has("okta_request_id")).as("never sent to Okta").isFalse();
            assertThat(batch.settled(ids.get(0)).path("level").asText()).isEqualTo("WARN");
            assertThat(batch.lines()).anySatisfy(line -> assertThat(line)
                    .contains("The deployment's Okta credentials were refused (OKTA_UNAUTHORIZED: ")
                    .contains("); 3 messages of this batch wait in the queue until the secret"));
            assertThat(SQS.sqs().attribute(batch.queue.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                    .isEqualTo("3");
            assertThat(SQS.sqs().receiveAll(batch.queue.dlqUrl())).isEmpty();
            assertThat(batch.counts()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "OnboardingConfigurationFailures", 1.0, "OnboardingNotStarted", 2.0, "OktaAuthorizationFailures", 1.0,
                    "OktaErrors", 1.0));
        }
    }

    @Test
    void aMessageHeldForCredentialsIsNoThrottleReSendHoweverOftenItComes() {
        try (OneBatch batch = new OneBatch(SQS, SimulatorOptions.defaults(), false)) {
            batch.env.put("OKTA_API_TOKEN", "00wrongTOKENwrongTOKENwrongTOKEN0123456");
            batch.env.put("ONBOARDING_THROTTLE_MAX_DELAY_SECONDS", "0");
            batch.env.put("ONBOARDING_MAX_RESENDS", "0");
            SQSEvent event = batch.received(Hires.hires(1, 2));

            SQSBatchResponse response = batch.invoke(event, Duration.ofSeconds(60));

            assertThat(failures(response)).isEmpty();
            List<Message> copies = SQS.sqs().receiveAll(batch.queue.queueUrl());
            assertThat(copies).extracting(Message::body).containsExactlyInAnyOrderElementsOf(Hires.hires(1, 2));
            assertThat(copies).allSatisfy(copy -> assertThat(copy.messageAttributes()).containsOnlyKeys("originalMessageId"));
            assertThat(copies).extracting(copy -> copy.messageAttributes().get("originalMessageId").stringValue())
                    .containsExactlyInAnyOrderElementsOf(ids(event));
        }
    }

    @Test
    void theMessagesABatchHadNoTimeToStartAreReSentAtOnceWithoutAReceiveMore() {
        // Okta's first answer takes 15 s. A 20 s function keeps 1.5 s for itself: 3.5 s are left, less than one 5 s request.
        FaultPlan slowFirstAnswer = FaultPlan.none().withLatency(Duration.ofSeconds(15), 0.0).withNext(Fault.LATENCY);
        try (OneBatch batch = new OneBatch(SQS, SimulatorOptions.defaults().withFaults(slowFirstAnswer), false)) {
            SQSEvent event = batch.received(Hires.hires(1, 3));
            List<String> ids = ids(event);

            SQSBatchResponse response = batch.invoke(event, Duration.ofSeconds(20));

            assertThat(failures(response)).isEmpty();
            assertThat(batch.settlement(ids.get(0))).isEqualTo("CREATED DELETED - -");
            assertThat(batch.settlement(ids.get(1))).isEqualTo("NOT_STARTED RESENT 0 OUT_OF_TIME");
            assertThat(batch.settlement(ids.get(2))).isEqualTo("NOT_STARTED RESENT 0 OUT_OF_TIME");
            List<Message> copies = SQS.sqs().receiveAll(batch.queue.queueUrl());
            assertThat(copies).extracting(Message::body).containsExactlyInAnyOrder(Hires.hire(2), Hires.hire(3));
            assertThat(copies).allSatisfy(copy -> assertThat(copy.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "1"));
            assertThat(copies).extracting(copy -> copy.messageAttributes().get("originalMessageId").stringValue())
                    .containsExactlyInAnyOrder(ids.get(1), ids.get(2));
            assertThat(batch.counts()).containsEntry("OnboardingNotStarted", 2.0).containsEntry("UsersCreated", 1.0);
        }
    }

    @Test
    void moreCopiesThanOneSqsCallTakesAreAllReSent() {
        FaultPlan slowFirstAnswer = FaultPlan.none().withLatency(Duration.ofSeconds(15), 0.0).withNext(Fault.LATENCY);
        try (OneBatch batch = new OneBatch(SQS, SimulatorOptions.defaults().withFaults(slowFirstAnswer), false)) {
            SQSEvent event = batch.received(Hires.hires(1, 21));

            SQSBatchResponse response = batch.invoke(event, Duration.ofSeconds(20));

            assertThat(failures(response)).isEmpty();
            assertThat(SQS.sqs().receiveAll(batch.queue.queueUrl())).as("20 copies: SendMessageBatch takes 10 at a time")
                    .extracting(Message::body).containsExactlyInAnyOrderElementsOf(Hires.hires(2, 20));
            assertThat(batch.lines()).as("two calls, no third empty one SQS would refuse")
                    .noneSatisfy(line -> assertThat(line).contains("Could not re-send"));
        }
    }

    @Test
    void withoutAQueueToReSendToAThrottledMessageComesBackAfterTheQueuesVisibilityTimeout() {
        try (OneBatch batch = new OneBatch(SQS, SimulatorOptions.defaults().withLimit(RateLimitBucket.USERS, 1), false)) {
            SQSEvent event = batch.received(Hires.hires(1, 2));
            event.getRecords().forEach(record -> record.setEventSourceArn(null));

            SQSBatchResponse response = batch.invoke(event, Duration.ofSeconds(10));

            assertThat(failures(response)).containsExactly(ids(event).get(1));
            assertThat(batch.settled(ids(event).get(1)).path("disposition").asText()).isEqualTo("RETURNED");
            assertThat(batch.lines()).anySatisfy(line -> assertThat(line).contains("The event names no SQS queue ARN"))
                    .as("nothing tried without a queue").noneSatisfy(line -> assertThat(line).contains("Could not"));
        }
    }

    @Test
    void aSecretThatCannotBeReadStopsTheBatchAndEveryMessageComesBackWithABackoff() {
        try (OneBatch batch = new OneBatch(SQS, SimulatorOptions.defaults(), false)) {
            batch.env.remove("OKTA_API_TOKEN");
            batch.env.put("OKTA_SECRET_ID", "okta-provisioning/okta");
            batch.env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:9");
            batch.env.put("ONBOARDING_RETRY_BASE_SECONDS", "8");
            SQSEvent event = batch.received(Hires.hires(1, 2));

            SQSBatchResponse response = batch.invoke(event, Duration.ofSeconds(20));

            assertThat(failures(response)).containsExactlyElementsOf(ids(event));
            assertThat(batch.settlement(ids(event).get(0))).isEqualTo("RETRY_LATER RETURNED 8 SECRETS_UNAVAILABLE");
            assertThat(batch.settlement(ids(event).get(1))).as("not started: the secret is no more readable for it")
                    .isEqualTo("RETRY_LATER RETURNED 8 SECRETS_UNAVAILABLE");
            assertThat(batch.settled(ids(event).get(1)).path("message").asText()).contains("Not started: ");
            assertThat(batch.okta.counters().totalRequests()).isZero();
        }
    }

    @Test
    void aFunctionTooShortForOneOktaRequestHandsTheWholeBatchBackSayingWhy() {
        try (OneBatch batch = new OneBatch(SQS, SimulatorOptions.defaults(), false)) {
            batch.env.put("ONBOARDING_RETRY_BASE_SECONDS", "8");
            SQSEvent event = batch.received(Hires.hires(1, 2));

            // 5 s minus the 1.5 s margin leaves 3.5 s, less than one 5 s Okta request.
            SQSBatchResponse response = batch.invoke(event, Duration.ofSeconds(5));

            assertThat(failures(response)).containsExactlyElementsOf(ids(event));
            assertThat(batch.settlement(ids(event).get(0))).isEqualTo("RETRY_LATER RETURNED 8 OUT_OF_TIME");
            assertThat(batch.settlement(ids(event).get(1))).isEqualTo("RETRY_LATER RETURNED 8 OUT_OF_TIME");
            assertThat(batch.lines()).anySatisfy(line -> assertThat(line).contains("Not started: the invocation had 3500 ms left,"
                    + " less than one Okta request timeout (5000 ms); raise the function timeout or lower OKTA_REQUEST_TIMEOUT_MS"));
            assertThat(batch.okta.counters().totalRequests()).isZero();
            assertThat(batch.counts()).containsExactlyInAnyOrderEntriesOf(Map.of("OnboardingRetried", 2.0));
        }
    }

    @Test
    void aBatchOnSeveralWorkersLeavesNoneOfItsThreadsBehind() throws InterruptedException {
        try (OneBatch batch = new OneBatch(SQS, SimulatorOptions.defaults(), false)) {
            batch.env.put("ONBOARDING_PARALLELISM", "4");
            SQSEvent event = batch.received(Hires.hires(1, 6));
            Set<Thread> before = Thread.getAllStackTraces().keySet();

            SQSBatchResponse response = batch.invoke(event, Duration.ofSeconds(60));

            assertThat(failures(response)).isEmpty();
            assertThat(batch.okta.userCount()).isEqualTo(6);
            List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> !before.contains(thread) && thread.getName().startsWith("onboarding-worker-")).toList();
            // A warm execution environment runs batch after batch: its workers must end with their batch.
            long giveUpAt = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            for (Thread worker : workers) {
                worker.join(Math.max(1, Duration.ofNanos(giveUpAt - System.nanoTime()).toMillis()));
            }
            assertThat(workers).noneMatch(Thread::isAlive);
        }
    }

    @Test
    void aFunctionExactlyOneOktaRequestLongStartsItsMessage() {
        try (OneBatch batch = new OneBatch(SQS, SimulatorOptions.defaults(), false)) {
            SQSEvent event = batch.received(Hires.hires(1, 1));

            // 6.5 s minus the 1.5 s margin: exactly one 5 s Okta request.
            SQSBatchResponse response = batch.invoke(event, Duration.ofMillis(6_500));

            assertThat(failures(response)).isEmpty();
            assertThat(batch.settlement(ids(event).get(0))).isEqualTo("CREATED DELETED - -");
        }
    }

    @Test
    void anEmptyBatchIsNothingToDo() {
        try (OneBatch batch = new OneBatch(SQS, SimulatorOptions.defaults(), false)) {
            SQSEvent event = new SQSEvent();
            event.setRecords(List.of());

            assertThat(failures(batch.invoke(event, Duration.ofSeconds(5)))).isEmpty();
            assertThat(batch.lines()).noneSatisfy(line -> assertThat(line).contains("Not started"));
        }
    }

    private static Message onlyMessage(OneBatch batch) {
        List<Message> messages = SQS.sqs().receiveAll(batch.queue.queueUrl());
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }
}
