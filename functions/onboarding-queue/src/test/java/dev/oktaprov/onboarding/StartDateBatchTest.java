package dev.oktaprov.onboarding;

import static dev.oktaprov.onboarding.OneBatch.failures;
import static dev.oktaprov.onboarding.OneBatch.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Start dates in one batch, the paths that need no Step Functions answer (StartDateOnboardingTest
 * runs the workflow's own against moto_server): a date that has come is activated at once, on the
 * worker that created the user and in the invocation's log context; a date ahead without a workflow
 * goes to the DLQ uncreated; a user active already needs no execution; a workflow that cannot be
 * reached brings the message back. Today is 2026-03-02 (see {@link OneBatch}).
 */
class StartDateBatchTest {

    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();

    private static final String STATE_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:onboarding";
    /** Nothing listens there: any StartExecution fails to connect. */
    private static final String NO_STEP_FUNCTIONS = "http://127.0.0.1:9";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String hire(String login, String startDate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", "Ada");
        body.put("lastName", "Lovelace");
        body.put("email", login);
        body.put("login", login);
        body.put("startDate", startDate);
        body.put("timeZone", "Europe/Berlin");
        return Hires.json(body);
    }

    @Test
    void aStartDateThatHasComeIsActivatedAtOnceLoggedInTheInvocationsContextByEachWorker() {
        try (OneBatch batch = new OneBatch(SQS, SimulatorOptions.defaults(), false)) {
            batch.env.put("ONBOARDING_PARALLELISM", "2");
            SQSEvent event = batch.received(List.of(hire("ada@example.com", "2026-02-27"), hire("grace@example.com", "2026-03-02")));

            SQSBatchResponse response = batch.invoke(event, Duration.ofSeconds(60));

            assertThat(failures(response)).isEmpty();
            assertThat(batch.okta.users()).extracting(SimulatedUser::status).containsOnly("PROVISIONED").hasSize(2);
            List<JsonNode> activations = batch.lines().stream().filter(line -> line.startsWith("{")).map(StartDateBatchTest::read)
                    .filter(line -> line.path("message").asText().startsWith("Start date ")).toList();
            String ada = batch.okta.findByLogin("ada@example.com").orElseThrow().id();
            String grace = batch.okta.findByLogin("grace@example.com").orElseThrow().id();
            assertThat(activations).extracting(line -> line.path("message").asText()).containsExactlyInAnyOrder(
                    "Start date 2026-02-27 of message " + ids(event).get(0) + " has come: Okta user " + ada + " ACTIVATED",
                    "Start date 2026-03-02 of message " + ids(event).get(1) + " has come: Okta user " + grace + " ACTIVATED");
            assertThat(activations).allSatisfy(line -> assertThat(line.path("function_request_id").asText())
                    .as("the invocation's log context, on a worker thread")
                    .isNotEmpty().isEqualTo(settlementRequestId(batch, ids(event).get(0))));
        }
    }

    @Test
    void aStartDateAheadWithoutAWorkflowGoesToTheDlqUncreated() {
        try (OneBatch batch = new OneBatch(SQS, SimulatorOptions.defaults(), false)) {
            SQSEvent event = batch.received(List.of(hire("ada@example.com", "2026-04-01")));

            SQSBatchResponse response = batch.invoke(event, Duration.ofSeconds(60));

            assertThat(failures(response)).isEmpty();
            assertThat(batch.settlement(ids(event).get(0))).isEqualTo("DEAD_LETTERED DELETED - START_DATE_NOT_SCHEDULED");
            assertThat(batch.okta.counters().totalRequests()).isZero();
            assertThat(SQS.sqs().receiveAll(batch.queue.dlqUrl())).singleElement().satisfies(dead -> assertThat(
                    dead.messageAttributes().get("errorMessage").stringValue()).contains("ONBOARDING_STATE_MACHINE_ARN is not set"));
        }
    }

    @Test
    void aUserActiveAlreadyNeedsNoExecution() {
        try (OneBatch batch = new OneBatch(SQS, SimulatorOptions.defaults(), false)) {
            batch.env.put("ONBOARDING_STATE_MACHINE_ARN", STATE_MACHINE);
            batch.env.put("AWS_ENDPOINT_URL_SFN", NO_STEP_FUNCTIONS);
            batch.okta.seedUsers(SeedUser.of("ada@example.com", "Ada", "Lovelace").withStatus("PROVISIONED"));
            SQSEvent event = batch.received(List.of(hire("ada@example.com", "2026-04-01")));

            SQSBatchResponse response = batch.invoke(event, Duration.ofSeconds(60));

            assertThat(failures(response)).isEmpty();
            assertThat(batch.settlement(ids(event).get(0))).isEqualTo("ALREADY_EXISTED DELETED - -");
            assertThat(batch.lines()).anySatisfy(line -> assertThat(line).contains("is PROVISIONED already: no activation to schedule"));
        }
    }

    @Test
    void aWorkflowThatCannotBeReachedBringsTheMessageBackAndItsStagedUserWaits() {
        try (OneBatch batch = new OneBatch(SQS, SimulatorOptions.defaults(), false)) {
            batch.env.put("ONBOARDING_STATE_MACHINE_ARN", STATE_MACHINE);
            batch.env.put("AWS_ENDPOINT_URL_SFN", NO_STEP_FUNCTIONS);
            batch.env.put("ONBOARDING_RETRY_BASE_SECONDS", "30");
            SQSEvent event = batch.received(List.of(hire("ada@example.com", "2026-04-01")));

            SQSBatchResponse response = batch.invoke(event, Duration.ofSeconds(60));

            assertThat(failures(response)).containsExactlyElementsOf(ids(event));
            assertThat(batch.settlement(ids(event).get(0))).isEqualTo("RETRY_LATER RETURNED 30 WORKFLOW_UNAVAILABLE");
            assertThat(batch.okta.users()).extracting(SimulatedUser::status).containsExactly("STAGED");
            List<Message> dead = SQS.sqs().receiveAll(batch.queue.dlqUrl());
            assertThat(dead).isEmpty();
            assertThat(batch.counts()).containsEntry("OnboardingRetried", 1.0).doesNotContainKey("UsersCreated");
        }
    }

    private static String settlementRequestId(OneBatch batch, String messageId) {
        return batch.settled(messageId).path("function_request_id").asText();
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
