package dev.oktaprov.getuser;

import static dev.oktaprov.functiontesting.FunctionHarness.answer;
import static dev.oktaprov.functiontesting.FunctionHarness.invoke;
import static dev.oktaprov.functiontesting.FunctionHarness.event;
import static dev.oktaprov.functiontesting.FunctionHarness.stdout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.errors.NotFoundException;
import dev.oktaprov.errors.RateLimitedException;
import dev.oktaprov.errors.SecretsUnavailableException;
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
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.MutableClock;
import dev.oktaprov.testsupport.SilentServer;
import dev.oktaprov.entrypoints.InvocationContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every row of the get contract, through the Lambda runtime's event serialization, against the Okta simulator. */
class GetUserHandlerTest {

    static final String ISAAC_ID = "00ub0oNGTSWTBKOLGLNR";
    static final String ENGINEERING = "00g1emaKYZTWRYYRRTSK";

    private static FunctionHarness harness;
    private GetUserHandler handler;

    private static SeedUser user(String id, String login, String firstName, String... groups) {
        return new SeedUser(id, Map.of("login", login, "email", login.replace("/", "."), "firstName", firstName,
                "lastName", "Brock", "department", "Engineering"), "ACTIVE", true, List.of(groups), null, null);
    }

    @BeforeAll
    static void startOkta() {
        harness = new FunctionHarness(SimulatorOptions.defaults().withSeed(new SeedData(
                List.of(new SeedGroup(ENGINEERING, "Engineering", "All engineers", null)),
                List.of(user(ISAAC_ID, "isaac.brock@example.com", "Isaac", ENGINEERING),
                        user(null, "isaac.brock+it@example.com", "Isaac (IT)"),
                        // What a second decoding of the path would look for: it must never be found.
                        user(null, "isaac.brock it@example.com", "Wrong"),
                        user(null, "it/ops@example.com", "Ops")))));
    }

    @AfterAll
    static void stopOkta() {
        harness.close();
    }

    @BeforeEach
    void fresh() {
        harness.reset();
        handler = new GetUserHandler(harness.runtime());
    }

    private Answer call(Map<String, Object> event) {
        return answer(invoke(handler, event, InvocationContext.of("get-user")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> byPath(String idOrLogin) {
        Map<String, Object> event = event("apigw-get-user.json");
        event.put("rawPath", "/users/" + idOrLogin);
        ((Map<String, Object>) event.get("pathParameters")).put("id", idOrLogin);
        return event;
    }

    private long oktaRequests() {
        return harness.okta.counters().totalRequests();
    }

    @Test
    void byIdWithItsGroups() {
        Answer answer = call(event("apigw-get-user.json"));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode user = answer.body();
        assertThat(user.path("id").asText()).isEqualTo(ISAAC_ID);
        assertThat(user.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(user.path("profile").path("department").asText()).isEqualTo("Engineering");
        assertThat(user.has("created") && user.has("activated") && user.has("lastUpdated")).isTrue();
        assertThat(user.has("_links") || user.has("credentials") || user.has("outcome")).isFalse();
        assertThat(user.path("groups")).hasSize(2);
        assertThat(user.path("groups").findValuesAsText("name")).containsExactlyInAnyOrder("Everyone", "Engineering");
        JsonNode engineering = user.path("groups").findParents("name").stream()
                .filter(g -> g.path("name").asText().equals("Engineering")).findFirst().orElseThrow();
        assertThat(engineering.path("id").asText()).isEqualTo(ENGINEERING);
        assertThat(engineering.path("type").asText()).isEqualTo("OKTA_GROUP");
    }

    /** Okta reads /users/me as the API credential's own user (usually a super admin): never asked for. */
    @ParameterizedTest
    @ValueSource(strings = {"me", "ME", " me "})
    void oktasReservedMeIsRefusedBeforeOkta(String me) {
        Answer answer = call(byPath(me));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("INVALID_INPUT");
        assertThat(answer.detailFields()).containsExactly("id");
        assertThatThrownBy(() -> invoke(handler, Map.of("login", me), InvocationContext.of("get-user")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("login must not be \"me\"");
        assertThat(oktaRequests()).as("nothing sent to Okta").isZero();
    }

    @Test
    void byALoginWithAPlusThePlusStaysAPlus() {
        Answer answer = call(event("apigw-get-user-plus-login.json"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("profile").path("login").asText()).isEqualTo("isaac.brock+it@example.com");
        assertThat(answer.body().path("profile").path("firstName").asText()).isEqualTo("Isaac (IT)");
    }

    @Test
    void byALoginWithASlashThroughTheGreedyRoute() {
        Answer answer = call(event("apigw-get-user-slash-login.json"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("profile").path("login").asText()).isEqualTo("it/ops@example.com");
        assertThat(harness.okta.counters().requests(RateLimitBucket.USERS)).as("looked up with a filter").isEqualTo(1);
    }

    @Test
    void byAPlainLoginWithAnAt() {
        Answer answer = call(byPath("isaac.brock@example.com"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("id").asText()).isEqualTo(ISAAC_ID);
    }

    @Test
    void aLocalApiWithoutRouteKeyOrPathParametersIsReadFromThePath() {
        Map<String, Object> event = event("apigw-get-user-slash-login.json");
        event.put("routeKey", "$default");
        event.remove("pathParameters");

        Answer answer = call(event);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("profile").path("login").asText()).isEqualTo("it/ops@example.com");
    }

    @Test
    void anAbsentUserIs404() {
        Answer byId = call(byPath("00u0000000000000000X"));
        Answer byLogin = call(byPath("nobody@example.com"));
        Answer bySlashLogin = call(byPath("no/body@example.com"));

        for (Answer answer : List.of(byId, byLogin, bySlashLogin)) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.code()).isEqualTo("NOT_FOUND");
        }
        assertThat(byId.body().path("oktaRequestId").asText()).isNotBlank();
    }

    @Test
    void badIdsAreRefusedBeforeOkta() {
        for (String bad : List.of("x".repeat(101) + "@example.com", "   ", "00u1\u0000")) {
            Answer answer = call(byPath(bad));
            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.detailFields()).containsExactly("id");
        }
        assertThat(oktaRequests()).isZero();
    }


    @Test
    void throttledWithNoTimeLeftIs429WithRetryAfter() {
        harness.okta.setLimit(RateLimitBucket.USER_GET, 1);
        ProvisioningRuntime stillTime = harness.runtime(Map.of(), MutableClock.at("2026-03-02T10:00:00Z"));
        GetUserHandler onStillTime = new GetUserHandler(stillTime);
        assertThat(answer(invoke(onStillTime, event("apigw-get-user.json"),
                InvocationContext.of("get-user"))).status()).isEqualTo(200);

        Answer answer = answer(invoke(onStillTime, event("apigw-get-user.json"),
                InvocationContext.of("get-user").withRemainingMillis(3_000)));

        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.code()).isEqualTo("RATE_LIMITED");
        // The wait the client computed: until the reset of Okta's window, plus a second.
        assertThat(Long.parseLong(answer.header("retry-after")))
                .isEqualTo(FunctionHarness.secondsUntilRoom(stillTime, OktaClient.BUCKET_GET_USER));
        assertThat(harness.waits).isEmpty();
    }

    @Test
    void oktaUnavailableIs503() {
        harness.okta.setFaults(FaultPlan.none().withErrorRate(1.0).withErrorStatuses(503, 504));

        Answer answer = call(event("apigw-get-user.json"));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.code()).isEqualTo("OKTA_UNAVAILABLE");
        assertThat(answer.body().path("oktaRequestId").asText()).isNotBlank();
    }

    // ---------------------------------------------------------------- Step Functions (direct) caller

    @Test
    void theStateMachinesReadBackById() {
        Map<String, Object> result = invoke(handler, event("sfn-get-user.json"),
                InvocationContext.of("get-user"));

        JsonNode json = FunctionHarness.json(FunctionHarness.lambdaJson(result));
        assertThat(json.path("id").asText()).isEqualTo(ISAAC_ID);
        assertThat(json.path("groups")).hasSize(2);
        assertThat(json.has("statusCode")).isFalse();
    }

    @Test
    void directlyByLoginWithACorrelationId() {
        Map<String, Object> result = invoke(handler, Map.of("login", "isaac.brock+it@example.com", "correlationId", "execution-7"),
                InvocationContext.of("get-user"));

        assertThat(result.get("id")).isNotEqualTo(ISAAC_ID);
        assertThat(((Map<?, ?>) result.get("profile")).get("login")).isEqualTo("isaac.brock+it@example.com");
    }

    @Test
    void directFailuresAreThrownAsTheCoresTypedExceptions() {
        Map<String, Object> both = new HashMap<>(Map.of("id", ISAAC_ID, "login", "isaac.brock@example.com"));
        for (Map<String, Object> bad : List.of(Map.<String, Object>of(), Map.<String, Object>of("id", 5), both,
                Map.<String, Object>of("Id", ISAAC_ID), Map.<String, Object>of("login", ""))) {
            assertThatThrownBy(() -> invoke(handler, bad, InvocationContext.of("get-user")))
                    .as(bad.toString()).isInstanceOf(InvalidInputException.class);
        }
        assertThat(oktaRequests()).isZero();
        assertThatThrownBy(() -> invoke(handler, Map.of("id", "00u0000000000000000X"),
                InvocationContext.of("get-user"))).isInstanceOf(NotFoundException.class);

        harness.okta.setFaults(FaultPlan.none().withErrorRate(1.0).withErrorStatuses(503));
        assertThatThrownBy(() -> invoke(handler, event("sfn-get-user.json"),
                InvocationContext.of("get-user"))).isInstanceOf(TransientUpstreamException.class);

        harness.reset();
        harness.okta.setLimit(RateLimitBucket.USER_GET, 1);
        invoke(handler, event("sfn-get-user.json"), InvocationContext.of("get-user"));
        assertThatThrownBy(() -> invoke(handler, event("sfn-get-user.json"),
                InvocationContext.of("get-user").withRemainingMillis(3_000))).isInstanceOf(RateLimitedException.class);
    }

    /**
     * Secrets Manager accepts the connection and never answers: the function still answers within its
     * deadline (Lambda's remaining time minus the margin), with a 503 the caller may retry, instead of
     * running into Lambda's timeout. The wait is the deadline's, so it is kept short.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSecretsManagerThatNeverAnswersIs503WithinTheDeadline() {
        try (SilentServer secretsManager = SilentServer.start()) {
            Map<String, String> env = new HashMap<>();
            env.put("OKTA_ORG_URL", harness.okta.baseUrl());
            env.put("OKTA_SECRET_ID", "okta/provisioning");
            env.put("DEADLINE_SAFETY_MARGIN_MS", "500");
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_ACCESS_KEY_ID", "testing");
            env.put("AWS_SECRET_ACCESS_KEY", "testing");
            env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.uri().toString());
            GetUserHandler lambda = new GetUserHandler(ProvisioningRuntime.builder(env).scopes(OAuthScopes.READ_USERS)
                    .build());
            // 1.5 s left of the invocation: 1 s for the work once the 0.5 s margin is kept free.
            InvocationContext nearlyOver = InvocationContext.of("get-user").withRemainingMillis(1_500);

            Answer answer = answer(invoke(lambda, event("apigw-get-user.json"), nearlyOver));

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.code()).isEqualTo("SECRETS_UNAVAILABLE");
            assertThat(answer.body().path("message").asText()).contains("OKTA_SECRET_ID").contains("did not answer in time");
            assertThatThrownBy(() -> invoke(lambda, event("sfn-get-user.json"), nearlyOver))
                    .isInstanceOf(SecretsUnavailableException.class);
            assertThat(secretsManager.connections()).as("one attempt per invocation: the deadline ends the read, no retry follows")
                    .isEqualTo(2);
            assertThat(oktaRequests()).as("nothing reached Okta").isZero();
        }
    }

    // ---------------------------------------------------------------- Lambda practice

    @Test
    void oneLogLineWithoutTheLoginInClear() {
        String output = stdout(() -> call(event("apigw-get-user-plus-login.json")));

        assertThat(output).contains("\"correlation_id\":\"HvBbP7yYIAMEbZQ=\"", "\"outcome\":\"FOUND\"", "\"okta_request_id\"");
        assertThat(output).doesNotContain("isaac.brock+it@example.com").doesNotContain(harness.okta.token());
    }

    @Test
    void primingBeforeTheSnapshotCallsNoOktaAndLoadsNoCredentials() {
        stdout(() -> handler.beforeCheckpoint(null));

        assertThat(oktaRequests()).isZero();
        assertThat(harness.credentials.headersGiven.get()).isZero();
        assertThat(harness.credentials.invalidations.get()).isPositive();
        handler.afterRestore(null);
        assertThat(call(event("apigw-get-user.json")).status()).isEqualTo(200);
    }

    @Test
    void theLambdaConstructorReadsTheEnvironmentAndCallsNothing() {
        // Surefire sets OKTA_ORG_URL to a loopback port where nothing listens (see the pom).
        GetUserHandler fromEnvironment = new GetUserHandler();

        Answer invalid = answer(invoke(fromEnvironment, byPath("   "), InvocationContext.of("get-user")));

        assertThat(invalid.status()).isEqualTo(400);
    }
}
