package dev.oktaprov.createuser;

import static dev.oktaprov.functiontesting.FunctionHarness.answer;
import static dev.oktaprov.functiontesting.FunctionHarness.invoke;
import static dev.oktaprov.functiontesting.FunctionHarness.event;
import static dev.oktaprov.functiontesting.FunctionHarness.stdout;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.functiontesting.FunctionHarness;
import dev.oktaprov.simulator.SeedData;
import dev.oktaprov.simulator.SeedGroup;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.entrypoints.InvocationContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Logs, metrics, SnapStart hooks and the Lambda constructor: what an operator of the function notices. */
class CreateUserLambdaPracticeTest {

    private static final String PASSWORD = "Correct-Horse-9-Battery";
    private static FunctionHarness harness;
    private CreateUserHandler handler;

    @BeforeAll
    static void startOkta() {
        harness = new FunctionHarness(SimulatorOptions.defaults().withSeed(new SeedData(
                List.of(new SeedGroup(CreateUserHandlerTest.ENGINEERING, "Engineering", null, null)), List.of())));
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

    private static List<JsonNode> jsonLines(String output) {
        return Arrays.stream(output.split("\\R")).filter(line -> line.startsWith("{")).map(FunctionHarness::json).toList();
    }

    @Test
    void oneLogLineWithCorrelationAndOktaRequestIdNoSecretsAndMetricsFlushed() {
        Map<String, Object> event = event("apigw-create-user.json");
        event.put("body", "{\"firstName\":\"Isaac\",\"lastName\":\"Brock\",\"email\":\"isaac.brock@example.com\","
                + "\"login\":\"isaac.brock@example.com\",\"activate\":true,\"password\":\"" + PASSWORD + "\"}");
        InvocationContext context = InvocationContext.of("create-user");
        int[] status = new int[1];

        String output = stdout(() -> status[0] = answer(invoke(handler, event, context)).status());

        assertThat(status[0]).isEqualTo(201);
        JsonNode summary = jsonLines(output).stream()
                .filter(line -> line.path("message").asText().startsWith("Invocation answered"))
                .findFirst().orElseThrow();
        assertThat(summary.path("correlation_id").asText()).as("the API Gateway request id").isEqualTo("HvBYxjqCIAMEbsA=");
        assertThat(summary.path("function_request_id").asText()).isEqualTo(context.getAwsRequestId());
        assertThat(summary.path("outcome").asText()).isEqualTo("CREATED");
        assertThat(summary.path("http_status").asText()).isEqualTo("201");
        assertThat(summary.path("okta_request_id").asText()).isNotBlank();
        assertThat(summary.path("duration_ms").asText()).matches("\\d+");
        assertThat(output).contains("\"UsersCreated\"", "\"OktaLatency\"");
        assertThat(output).doesNotContain(PASSWORD).doesNotContain(harness.okta.token())
                .doesNotContain("isaac.brock@example.com");
    }

    @Test
    void invalidInputAndConflictsAreCounted() {
        String invalid = stdout(() -> invoke(handler, event("apigw-create-user-invalid.json"),
                InvocationContext.of("create-user")));
        harness.okta.seedUsers(dev.oktaprov.simulator.SeedUser.of("isaac.brock@example.com", "Isaac", "Newton"));
        String conflict = stdout(() -> invoke(handler, event("apigw-create-user.json"),
                InvocationContext.of("create-user")));

        assertThat(invalid).contains("\"InvalidInput\"");
        assertThat(conflict).contains("\"LoginConflicts\"");
    }

    @Test
    void primingBeforeTheSnapshotCallsNoOktaAndLoadsNoCredentials() {
        int invalidationsBefore = harness.credentials.invalidations.get();

        String output = stdout(() -> handler.beforeCheckpoint(null));

        assertThat(harness.okta.counters().totalRequests()).isZero();
        assertThat(harness.credentials.headersGiven.get()).isZero();
        assertThat(harness.credentials.invalidations.get()).as("the credential dropped once, after priming")
                .isEqualTo(invalidationsBefore + 1);
        assertThat(output).as("no metrics from priming").doesNotContain("\"_aws\"");

        handler.afterRestore(null);
        assertThat(answer(invoke(handler, event("apigw-create-user.json"),
                InvocationContext.of("create-user"))).status()).isEqualTo(201);
    }

    @Test
    void theLambdaConstructorReadsTheEnvironmentAndCallsNothing() {
        // Surefire sets OKTA_ORG_URL to a loopback port where nothing listens (see the pom).
        CreateUserHandler fromEnvironment = new CreateUserHandler();

        FunctionHarness.Answer invalid = answer(invoke(fromEnvironment, event("apigw-create-user-invalid.json"), InvocationContext.of("create-user")));

        assertThat(invalid.status()).isEqualTo(400);
    }
}
