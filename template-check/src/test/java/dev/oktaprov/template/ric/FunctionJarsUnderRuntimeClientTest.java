package dev.oktaprov.template.ric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SeedData;
import dev.oktaprov.simulator.SeedGroup;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each function jar under the real Lambda runtime interface client ({@link RuntimeInterfaceClient}):
 * the client loads the handler from the unpacked jar and invokes it with the sample events of
 * {@code events/}, as Lambda's managed {@code java17} runtime does. Once on demand, and once as
 * SnapStart publishes a version: every registered CRaC hook runs first (ours and the libraries'),
 * and a hook that throws makes the client exit, so the version would fail to publish.
 */
class FunctionJarsUnderRuntimeClientTest {

    static final Path FUNCTIONS = Path.of("..", "functions");
    static final Path EVENTS = Path.of("..", "events");
    static final String ENGINEERING = "00g1emaKYZTWRYYRRTSK";
    static final String ISAAC = "00ub0oNGTSWTBKOLGLNR";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One invocation: the event (a file of events/ or inline JSON) and what its answer must show. */
    record Invocation(String event, Consumer<RuntimeApi.Outcome> expectation) {}

    record Case(String function, String handler, List<Invocation> invocations) {}

    static final List<Case> CASES = List.of(
            new Case("get-user", "dev.oktaprov.getuser.GetUserHandler::handleRequest", List.of(
                    new Invocation("apigw-get-user.json", http(200, body -> assertThat(body.path("id").asText()).isEqualTo(ISAAC))),
                    new Invocation("sfn-get-user.json", direct(result -> assertThat(result.path("groups").findValuesAsText("id"))
                            .contains(ENGINEERING))),
                    new Invocation("{\"id\":\"00u0000000000000000X\"}", error("dev.oktaprov.errors.NotFoundException")))),
            new Case("create-user", "dev.oktaprov.createuser.CreateUserHandler::handleRequest", List.of(
                    new Invocation("apigw-create-user.json", http(201, body -> assertThat(body.path("outcome").asText()).isEqualTo("CREATED"))),
                    new Invocation("sfn-create-user.json", direct(result -> assertThat(result.path("outcome").asText())
                            .isEqualTo("ALREADY_EXISTED"))),
                    new Invocation("{\"firstName\":\"Ada\",\"correlationId\":\"execution-7\"}",
                            error("dev.oktaprov.errors.InvalidInputException")))),
            new Case("list-users", "dev.oktaprov.listusers.ListUsersHandler::handleRequest", List.of(
                    new Invocation("apigw-list-users-filter.json", http(200, body -> assertThat(body.path("users").findValuesAsText("login"))
                            .contains("isaac.brock.hr@example.com"))),
                    new Invocation("sfn-list-users.json", direct(result -> assertThat(result.path("users").size()).isEqualTo(1))))),
            new Case("onboarding-queue", "dev.oktaprov.onboarding.OnboardingQueueHandler::handleRequest", List.of(
                    new Invocation("sqs-onboarding-batch.json", direct(response -> assertThat(response.toString())
                            .isEqualTo("{\"batchItemFailures\":[]}"))))));

    private static OktaSimulator okta;
    private static RuntimeInterfaceClient runtime;

    @BeforeAll
    static void start() {
        okta = OktaSimulator.start(SimulatorOptions.defaults().withSeed(new SeedData(
                List.of(new SeedGroup(ENGINEERING, "Engineering", "All engineers", null)),
                List.of(new SeedUser(ISAAC, Map.of("login", "isaac.brock.hr@example.com", "email", "isaac.brock@example.com",
                        "firstName", "Isaac", "lastName", "Brock", "department", "Engineering"), "ACTIVE", true,
                        List.of(ENGINEERING), null, null)))));
        runtime = new RuntimeInterfaceClient(Path.of("target", "ric"));
    }

    @AfterAll
    static void stop() {
        if (okta != null) {
            okta.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> eachFunctionJarAnswersItsSampleEventsUnderTheRuntimeClient() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.function(), () -> check(c, false)));
    }

    @TestFactory
    Stream<DynamicTest> eachFunctionJarRunsItsSnapStartHooksUnderTheRuntimeClientThenAnswers() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.function(), () -> check(c, true)));
    }

    private static void check(Case c, boolean snapStart) throws Exception {
        Path jar = FUNCTIONS.resolve(c.function()).resolve("target").resolve(c.function() + ".jar");
        assumeTrue(Files.isDirectory(FUNCTIONS.resolve(c.function()).resolve("src/main/java")), c.function() + " has no sources yet");
        assertThat(jar).as("built by the function's module before this one (mvn verify)").isRegularFile();
        okta.reset();

        RuntimeInterfaceClient.Run run = runtime.run(jar, c.handler(), environment(), c.invocations().stream()
                .map(invocation -> event(invocation.event())).toList(), snapStart);

        String log = "\n--- the runtime's output:\n" + run.output();
        assertThat(run.failures()).as("init and restore errors" + log).isEmpty();
        assertThat(run.restoreAsked()).as("the client asked restore/next after the hooks" + log).isEqualTo(snapStart);
        assertThat(run.outcomes()).as("one outcome per event" + log).hasSameSizeAs(c.invocations());
        for (int i = 0; i < c.invocations().size(); i++) {
            RuntimeApi.Outcome outcome = run.outcomes().get(i);
            Invocation invocation = c.invocations().get(i);
            assertThat(outcome).as(invocation.event()).satisfies(invocation.expectation());
        }
        assertThat(run.output()).as("the token never printed").doesNotContain(okta.token());
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OKTA_ORG_URL", okta.baseUrl());
        env.put("OKTA_API_TOKEN", okta.token());
        env.put("POWERTOOLS_SERVICE_NAME", "okta-provisioning");
        env.put("ONBOARDING_DLQ_URL", "http://127.0.0.1:9/000000000000/okta-provisioning-onboarding-dlq");
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "not-a-real-key");
        return env;
    }

    private static byte[] event(String event) {
        try {
            return event.startsWith("{") ? event.getBytes(StandardCharsets.UTF_8) : Files.readAllBytes(EVENTS.resolve(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP API response with {@code status}, its body checked. */
    private static Consumer<RuntimeApi.Outcome> http(int status, Consumer<JsonNode> body) {
        return outcome -> {
            assertThat(outcome.failed()).as(outcome.answer()).isFalse();
            JsonNode response = json(outcome.answer());
            assertThat(response.path("statusCode").asInt()).as(outcome.answer()).isEqualTo(status);
            body.accept(json(response.path("body").asText()));
        };
    }

    /** A direct result (or a partial batch response), checked. */
    private static Consumer<RuntimeApi.Outcome> direct(Consumer<JsonNode> result) {
        return outcome -> {
            assertThat(outcome.failed()).as(outcome.answer()).isFalse();
            result.accept(json(outcome.answer()));
        };
    }

    /**
     * A failed invocation whose error Lambda reports with {@code errorType} {@code type}: the name
     * Step Functions' {@code Retry} and {@code Catch} match.
     */
    private static Consumer<RuntimeApi.Outcome> error(String type) {
        return outcome -> {
            assertThat(outcome.failed()).as(outcome.answer()).isTrue();
            assertThat(json(outcome.answer()).path("errorType").asText()).as(outcome.answer()).isEqualTo(type);
        };
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
