package dev.oktaprov.createuser;

import static dev.oktaprov.functiontesting.FunctionHarness.answer;
import static dev.oktaprov.functiontesting.FunctionHarness.invoke;
import static dev.oktaprov.functiontesting.FunctionHarness.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.credentials.Secret;
import dev.oktaprov.credentials.StaticTokenCredentialSource;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.errors.LoginConflictException;
import dev.oktaprov.errors.RateLimitedException;
import dev.oktaprov.errors.TransientUpstreamException;
import dev.oktaprov.functiontesting.FunctionHarness.Answer;
import dev.oktaprov.functiontesting.FunctionHarness;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.simulator.FaultPlan;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SeedData;
import dev.oktaprov.simulator.SeedGroup;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.MutableClock;
import dev.oktaprov.entrypoints.InvocationContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every row of the create contract, through the Lambda runtime's event serialization, against the Okta simulator. */
class CreateUserHandlerTest {

    static final String ENGINEERING = "00g1emaKYZTWRYYRRTSK";
    static final String LOGIN = "isaac.brock@example.com";

    private static FunctionHarness harness;
    private CreateUserHandler handler;

    @BeforeAll
    static void startOkta() {
        harness = new FunctionHarness(SimulatorOptions.defaults().withSeed(new SeedData(
                List.of(new SeedGroup(ENGINEERING, "Engineering", "All engineers", null)), List.of())));
    }

    @AfterAll
    static void stopOkta() {
        harness.close();
    }

    @BeforeEach
    void fresh() {
        harness.reset();
        handler = new CreateUserHandler(harness.runtime());
    }

    private Answer call(Map<String, Object> event) {
        return answer(invoke(handler, event, InvocationContext.of("create-user")));
    }

    private static Map<String, Object> withBody(String body) {
        Map<String, Object> event = event("apigw-create-user.json");
        event.put("body", body);
        return event;
    }

    private long oktaRequests() {
        return harness.okta.counters().totalRequests();
    }

    @Test
    void createsAStagedUserWith201AndLocation() {
        Answer answer = call(event("apigw-create-user.json"));

        assertThat(answer.status()).isEqualTo(201);
        String id = answer.body().path("id").asText();
        assertThat(id).startsWith("00u");
        assertThat(answer.header("location")).isEqualTo("/users/" + id);
        assertThat(answer.header("content-type")).isEqualTo("application/json");
        assertThat(answer.base64()).isFalse();
        JsonNode user = answer.body();
        assertThat(user.path("status").asText()).as("activate=false: STAGED").isEqualTo("STAGED");
        assertThat(user.path("outcome").asText()).isEqualTo("CREATED");
        assertThat(user.path("created").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(user.has("activated")).isTrue();
        assertThat(user.path("profile").path("login").asText()).isEqualTo(LOGIN);
        assertThat(user.path("profile").path("department").asText()).isEqualTo("Engineering");
        assertThat(user.has("_links")).isFalse();
        assertThat(user.has("credentials")).isFalse();
        SimulatedUser stored = harness.okta.findByLogin(LOGIN).orElseThrow();
        assertThat(stored.id()).isEqualTo(id);
        assertThat(stored.groupIds()).contains(ENGINEERING);
    }

    @Test
    void theSamePersonAgainIs200WithTheSameUser() {
        Answer first = call(event("apigw-create-user.json"));
        Answer again = call(event("apigw-create-user.json"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("outcome").asText()).isEqualTo("ALREADY_EXISTED");
        assertThat(again.body().path("id").asText()).isEqualTo(first.body().path("id").asText());
        assertThat(again.header("location")).isNull();
        assertThat(again.body().path("notApplied").isArray()).isTrue();
        assertThat(again.body().path("notApplied")).as("the first create applied everything").isEmpty();
        assertThat(again.body().path("inactive").asBoolean(true)).isFalse();
        assertThat(harness.okta.userCount()).isEqualTo(1);
    }

    @Test
    void aRehireOfADeprovisionedUserSaysSoAndChangesNothing() {
        harness.okta.seedUsers(SeedUser.of(LOGIN, "Isaac", "Brock").withStatus("DEPROVISIONED"));
        Map<String, Object> event = withBody("{\"firstName\":\"Isaac\",\"lastName\":\"Brock\",\"email\":\"" + LOGIN
                + "\",\"login\":\"" + LOGIN + "\",\"activate\":true,\"groupIds\":[\"" + ENGINEERING + "\"]}");

        Answer answer = call(event);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("outcome").asText()).isEqualTo("ALREADY_EXISTED");
        assertThat(answer.body().path("status").asText()).isEqualTo("DEPROVISIONED");
        assertThat(answer.body().path("inactive").asBoolean()).isTrue();
        assertThat(answer.body().path("notApplied")).extracting(JsonNode::asText).containsExactly("activate", "groupIds");
        SimulatedUser stored = harness.okta.findByLogin(LOGIN).orElseThrow();
        assertThat(stored.status()).as("not reactivated").isEqualTo("DEPROVISIONED");
        assertThat(stored.groupIds()).doesNotContain(ENGINEERING);
    }

    @Test
    void aChangedRequestForTheSamePersonSaysWhatWasNotApplied() {
        harness.okta.seedUsers(SeedUser.of(LOGIN, "Isaac", "Brock").withStatus("STAGED"));

        Answer staged = call(withBody("{\"firstName\":\"Isaac\",\"lastName\":\"Brock\",\"email\":\"" + LOGIN
                + "\",\"login\":\"" + LOGIN + "\",\"activate\":true}"));
        Answer withGroup = call(event("apigw-create-user.json"));

        assertThat(staged.status()).isEqualTo(200);
        assertThat(staged.body().path("notApplied")).extracting(JsonNode::asText).containsExactly("activate");
        assertThat(staged.body().path("inactive").asBoolean()).isFalse();
        assertThat(withGroup.body().path("notApplied")).extracting(JsonNode::asText).containsExactly("groupIds");
        assertThat(harness.okta.findByLogin(LOGIN).orElseThrow().status()).isEqualTo("STAGED");
    }

    @Test
    void aLoginOfSomeoneElseIs409() {
        harness.okta.seedUsers(SeedUser.of(LOGIN, "Isaac", "Newton"));

        Answer answer = call(event("apigw-create-user.json"));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.code()).isEqualTo("LOGIN_CONFLICT");
        assertThat(answer.body().path("oktaRequestId").asText()).isNotBlank();
        assertThat(harness.okta.userCount()).isEqualTo(1);
    }

    @Test
    void everyInvalidFieldIsListedAndNothingIsSentToOkta() {
        Answer answer = call(event("apigw-create-user-invalid.json"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("INVALID_INPUT");
        assertThat(answer.detailFields()).contains("firstName", "lastName", "email", "activate", "groupIds");
        assertThat(answer.body().path("requestId").asText()).isEqualTo("HvBZ2h3mIAMEbTw=");
        assertThat(oktaRequests()).isZero();
    }

    @Test
    void emojiInANameIsRefusedBeforeOkta() {
        Answer answer = call(withBody("{\"firstName\":\"Isaac 🚀\",\"lastName\":\"Brock\",\"email\":\"" + LOGIN
                + "\",\"login\":\"" + LOGIN + "\"}"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.detailFields()).containsExactly("firstName");
        assertThat(oktaRequests()).isZero();
    }

    @Test
    void missingFieldsAndWrongTypesAreEachNamed() {
        Answer missing = call(withBody("{}"));
        Answer wrongTypes = call(withBody("{\"firstName\":42,\"lastName\":[\"Brock\"],\"email\":true,\"login\":{\"a\":1},"
                + "\"activate\":1,\"groupIds\":[7]}"));

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.detailFields()).containsExactlyInAnyOrder("firstName", "lastName", "email", "login");
        assertThat(wrongTypes.status()).isEqualTo(400);
        assertThat(wrongTypes.detailFields())
                .containsExactlyInAnyOrder("firstName", "lastName", "email", "login", "activate", "groupIds[0]");
        assertThat(oktaRequests()).isZero();
    }

    @Test
    void activateAcceptsTheStringsTrueAndFalse() {
        Answer answer = call(withBody("{\"firstName\":\"Isaac\",\"lastName\":\"Brock\",\"email\":\"" + LOGIN
                + "\",\"login\":\"" + LOGIN + "\",\"activate\":\"true\"}"));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body().path("status").asText()).as("activated without a password").isEqualTo("PROVISIONED");
    }

    @Test
    void oversizedStringsAreFieldErrorsAndOversizedBodiesAre413() {
        Answer longName = call(withBody("{\"firstName\":\"" + "I".repeat(51) + "\",\"lastName\":\"Brock\",\"email\":\""
                + LOGIN + "\",\"login\":\"" + LOGIN + "\"}"));
        Answer hugeBody = call(withBody("{\"firstName\":\"" + "I".repeat(70_000) + "\"}"));

        assertThat(longName.status()).isEqualTo(400);
        assertThat(longName.detailFields()).containsExactly("firstName");
        assertThat(hugeBody.status()).isEqualTo(413);
        assertThat(hugeBody.code()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(oktaRequests()).isZero();
    }

    @Test
    void malformedJsonIs400WithoutEchoingTheBody() {
        Answer truncated = call(withBody("{\"firstName\":\"Isaac\",\"password\":\"Tr0ub4dor&3\","));
        Answer duplicateKey = call(withBody("{\"login\":\"" + LOGIN + "\",\"login\":\"other@example.com\"}"));
        Answer trailing = call(withBody("{} {}"));
        Answer empty = call(withBody(""));
        Answer deep = call(withBody("[".repeat(5000) + "]".repeat(5000)));

        for (Answer answer : List.of(truncated, duplicateKey, trailing, empty, deep)) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("MALFORMED_JSON");
        }
        assertThat(truncated.rawBody()).doesNotContain("Tr0ub4dor").contains("line 1");
        assertThat(duplicateKey.rawBody()).doesNotContain("other@example.com");
        assertThat(oktaRequests()).isZero();
    }

    @Test
    void aJsonValueThatIsNotAnObjectIsInvalidInput() {
        Answer answer = call(withBody("[{\"login\":\"" + LOGIN + "\"}]"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("INVALID_INPUT");
        assertThat(answer.detailFields()).containsExactly("body");
    }

    @Test
    void aBase64EncodedBodyIsDecoded() {
        Map<String, Object> event = event("apigw-create-user.json");
        String body = (String) event.get("body");
        event.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        event.put("isBase64Encoded", true);

        assertThat(call(event).status()).isEqualTo(201);
    }

    @Test
    void aPasswordNeverComesBack() {
        Answer answer = call(withBody("{\"firstName\":\"Isaac\",\"lastName\":\"Brock\",\"email\":\"" + LOGIN
                + "\",\"login\":\"" + LOGIN + "\",\"activate\":true,\"password\":\"Correct-Horse-9-Battery\"}"));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(answer.rawBody()).doesNotContain("Correct-Horse-9-Battery").doesNotContain("credentials");
    }


    @Test
    void throttledWithNoTimeLeftIs429WithRetryAfter() {
        harness.okta.setLimit(RateLimitBucket.USERS, 1);
        ProvisioningRuntime stillTime = harness.runtime(Map.of(), MutableClock.at("2026-03-02T10:00:00Z"));
        CreateUserHandler onStillTime = new CreateUserHandler(stillTime);
        answer(invoke(onStillTime, event("apigw-create-user.json"), InvocationContext.of("create-user")));
        Map<String, Object> second = withBody("{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada@example.com\","
                + "\"login\":\"ada@example.com\"}");

        Answer answer = answer(invoke(onStillTime, second,
                InvocationContext.of("create-user").withRemainingMillis(3_000)));

        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.code()).isEqualTo("RATE_LIMITED");
        // The wait the client computed: until the reset of Okta's window, plus a second.
        assertThat(Long.parseLong(answer.header("retry-after")))
                .isEqualTo(FunctionHarness.secondsUntilRoom(stillTime, OktaClient.BUCKET_CREATE_USER));
        assertThat(harness.okta.findByLogin("ada@example.com")).isEmpty();
        assertThat(harness.waits).as("nothing waited past the deadline").isEmpty();
    }

    @Test
    void oktaUnavailableIs503AndUnreadableCredentialsAre502() {
        harness.okta.setFaults(FaultPlan.none().withErrorRate(1.0).withErrorStatuses(503));
        Answer unavailable = call(event("apigw-create-user.json"));
        harness.okta.setFaults(FaultPlan.none());
        CreateUserHandler wrongToken = new CreateUserHandler(harness.runtime(Map.of(),
                new StaticTokenCredentialSource(Secret.of("00wrong-token-value"))));
        Answer refused = answer(invoke(wrongToken, event("apigw-create-user.json"),
                InvocationContext.of("create-user")));

        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.code()).isEqualTo("OKTA_UNAVAILABLE");
        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.code()).isEqualTo("OKTA_UNAUTHORIZED");
        assertThat(refused.rawBody()).doesNotContain("00wrong-token-value").doesNotContain(harness.okta.token());
        assertThat(harness.okta.userCount()).isZero();
    }

    // ---------------------------------------------------------------- Step Functions (direct) caller

    @Test
    void theStateMachinesInputGetsTheUserWithItsOutcome() {
        Map<String, Object> result = invoke(handler, event("sfn-create-user.json"),
                InvocationContext.of("create-user"));

        JsonNode json = FunctionHarness.json(FunctionHarness.lambdaJson(result));
        assertThat(json.path("outcome").asText()).isEqualTo("CREATED");
        assertThat(json.path("id").asText()).isEqualTo(harness.okta.findByLogin(LOGIN).orElseThrow().id());
        assertThat(json.path("created").asText()).endsWith("Z");
        assertThat(json.has("statusCode")).isFalse();
    }

    @Test
    void aStartDateCreatesTheUserStagedAndTellsTheWorkflowWhenToActivateIt() {
        handler = new CreateUserHandler(harness.runtime(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC)));

        Map<String, Object> result = invoke(handler, event("sfn-onboarding-start-date.json"),
                InvocationContext.of("create-user"));

        JsonNode json = FunctionHarness.json(FunctionHarness.lambdaJson(result));
        assertThat(json.path("outcome").asText()).isEqualTo("CREATED");
        assertThat(json.path("status").asText()).isEqualTo("STAGED");
        assertThat(json.path("activateAt").asText()).as("08:00 in Berlin, the Z form Wait takes").isEqualTo("2027-01-04T07:00:00Z");
        assertThat(json.path("waitsForStartDate").asBoolean()).isTrue();
        assertThat(harness.okta.findByLogin("ada.lovelace@example.com").orElseThrow().groupIds()).contains(ENGINEERING);
    }

    @Test
    void postUsersRefusesAStartDateBecauseNobodyWouldActivateTheUser() {
        Answer answer = call(withBody("{\"firstName\":\"Isaac\",\"lastName\":\"Brock\",\"email\":\"bad\",\"login\":\""
                + LOGIN + "\",\"startDate\":\"2027-01-04\"}"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.detailFields()).containsExactly("email", "startDate");
        assertThat(answer.rawBody()).contains("onboarding queue or the onboarding workflow");
        assertThat(oktaRequests()).isZero();
    }

    @Test
    void directFailuresAreThrownAsTheCoresTypedExceptions() {
        Map<String, Object> invalid = new HashMap<>(event("sfn-create-user.json"));
        invalid.put("email", "nope");
        assertThatThrownBy(() -> invoke(handler, invalid, InvocationContext.of("create-user")))
                .isInstanceOf(InvalidInputException.class);

        harness.okta.seedUsers(SeedUser.of(LOGIN, "Isaac", "Newton"));
        assertThatThrownBy(() -> invoke(handler, event("sfn-create-user.json"),
                InvocationContext.of("create-user"))).isInstanceOf(LoginConflictException.class);

        harness.okta.reset();
        harness.okta.setFaults(FaultPlan.none().withErrorRate(1.0).withErrorStatuses(503));
        assertThatThrownBy(() -> invoke(handler, event("sfn-create-user.json"),
                InvocationContext.of("create-user"))).isInstanceOf(TransientUpstreamException.class);

        harness.okta.reset();
        harness.okta.setLimit(RateLimitBucket.USERS, 1);
        invoke(handler, Map.of("firstName", "Ada", "lastName", "Lovelace",
                "email", "ada@example.com", "login", "ada@example.com"), InvocationContext.of("create-user"));
        assertThatThrownBy(() -> invoke(handler, event("sfn-create-user.json"),
                InvocationContext.of("create-user").withRemainingMillis(3_000))).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void aCorrelationIdInTheInputIsTakenOutBeforeValidation() {
        Map<String, Object> input = new HashMap<>(event("sfn-create-user.json"));
        input.put("correlationId", "onboarding-execution-42");

        Map<String, Object> result = invoke(handler, input, InvocationContext.of("create-user"));

        assertThat(result.get("outcome")).isEqualTo("CREATED");
    }

    @Test
    void everyMessageOfTheSampleOnboardingBatchIsAValidCreateInput() {
        SQSEvent batch = EventLoader.loadSQSEvent(FunctionHarness.EVENTS + "sqs-onboarding-batch.json");

        assertThat(batch.getRecords()).hasSize(3);
        for (SQSEvent.SQSMessage message : batch.getRecords()) {
            Map<String, Object> form = FunctionHarness.jsonObject(message.getBody());
            assertThat(invoke(handler, form, InvocationContext.of("create-user")).get("outcome")).isEqualTo("CREATED");
        }
        assertThat(harness.okta.userCount()).isEqualTo(3);
    }
}
