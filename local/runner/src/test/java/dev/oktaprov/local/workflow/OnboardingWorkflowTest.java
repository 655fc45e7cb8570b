package dev.oktaprov.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.local.functions.FunctionEnvironment;
import dev.oktaprov.local.functions.LocalFunctions;
import dev.oktaprov.local.functions.OktaTarget;
import dev.oktaprov.simulator.Fault;
import dev.oktaprov.simulator.FaultPlan;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * statemachine/onboarding.asl.json run by moto_server's Amazon States Language interpreter, each
 * task invoking the real handler (create-user, activate-user, get-user) against the Okta simulator:
 * Waits, Choices, Retries and Catches as Step Functions runs them, error names as the handlers
 * throw them. The workflow runs on real time: start dates "a few seconds ahead" are waited for, and
 * no test asserts how long anything took.
 */
class OnboardingWorkflowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EXECUTION_TIMEOUT = Duration.ofSeconds(90);

    private static OktaSimulator okta;
    private static LocalWorkflow workflow;
    private static String engineering;
    private static final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        okta = OktaSimulator.start(SimulatorOptions.defaults().withToken("test-token"));
        engineering = okta.addGroup("Engineering", "All engineers").id();
        FunctionEnvironment environment = new FunctionEnvironment(Map.of(), OktaTarget.simulator(okta.baseUrl(), okta.token()),
                "us-east-1");
        workflow = LocalWorkflow.start(LocalFunctions.workflow(environment), "us-east-1", System.getenv(), Clock.systemUTC(),
                log::add);
        assertThat(workflow.engine()).as("moto_server (PATH or ~/.pyenv/shims) runs the state machine; " + log)
                .isEqualTo(LocalWorkflow.Engine.MOTO);
    }

    @AfterAll
    static void stop() {
        if (workflow != null) {
            workflow.close();
        }
        okta.close();
    }

    private static Map<String, Object> hire(String login) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("firstName", "Ada");
        form.put("lastName", "Lovelace");
        form.put("email", login);
        form.put("login", login);
        form.put("groupIds", List.of(engineering));
        return form;
    }

    private static String newLogin() {
        return "ada." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** Starts an execution and waits for its end; what it did is in its output, error and history. */
    private static DescribeExecutionResponse run(Map<String, Object> input) {
        String arn = workflow.client().startExecution(b -> b.stateMachineArn(workflow.stateMachineArn())
                .name("test-" + UUID.randomUUID()).input(json(input))).executionArn();
        return awaitEnd(arn);
    }

    private static DescribeExecutionResponse awaitEnd(String executionArn) {
        long deadline = System.nanoTime() + EXECUTION_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            DescribeExecutionResponse execution = workflow.client().describeExecution(b -> b.executionArn(executionArn));
            if (execution.status() != ExecutionStatus.RUNNING) {
                return execution;
            }
            pause();
        }
        throw new AssertionError("the execution did not end within " + EXECUTION_TIMEOUT + "; " + log);
    }

    private static List<HistoryEventType> history(DescribeExecutionResponse execution) {
        return workflow.client().getExecutionHistory(b -> b.executionArn(execution.executionArn())).events().stream()
                .map(HistoryEvent::type).toList();
    }

    private static JsonNode output(DescribeExecutionResponse execution) {
        assertThat(execution.status()).as(execution.error() + ": " + execution.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return read(execution.output());
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aStartDateThatHasComeIsActivatedAtOnce() {
        String login = newLogin();
        Map<String, Object> form = hire(login);
        form.put("startDate", LocalDate.now(ZoneOffset.UTC).minusDays(2).toString());

        DescribeExecutionResponse execution = run(form);

        JsonNode output = output(execution);
        assertThat(output.path("outcome").asText()).isEqualTo("ACTIVATED");
        assertThat(output.at("/user/status").asText()).isEqualTo("PROVISIONED");
        assertThat(output.at("/user/groups").toString()).contains(engineering);
        assertThat(history(execution)).doesNotContain(HistoryEventType.WAIT_STATE_ENTERED);
        assertThat(okta.findByLogin(login)).get().extracting(SimulatedUser::status).isEqualTo("PROVISIONED");
    }

    @Test
    void aStartDateAheadIsCreatedStagedWaitedForAndThenActivated() {
        String login = newLogin();
        ZonedDateTime at = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC);
        Map<String, Object> form = hire(login);
        form.put("startDate", at.toLocalDate().toString());
        form.put("activationTime", at.toLocalTime().format(DateTimeFormatter.ISO_LOCAL_TIME));

        DescribeExecutionResponse execution = run(form);

        JsonNode output = output(execution);
        assertThat(output.path("outcome").asText()).isEqualTo("ACTIVATED_ON_START_DATE");
        assertThat(output.path("activateAt").asText()).isEqualTo(at.toInstant().toString());
        assertThat(output.at("/user/status").asText()).isEqualTo("PROVISIONED");
        assertThat(history(execution)).contains(HistoryEventType.WAIT_STATE_ENTERED, HistoryEventType.WAIT_STATE_EXITED);
        String created = workflow.client().getExecutionHistory(b -> b.executionArn(execution.executionArn())).events().stream()
                .filter(event -> event.type() == HistoryEventType.TASK_SUCCEEDED).findFirst().orElseThrow()
                .taskSucceededEventDetails().output();
        assertThat(read(created).at("/Payload/status").asText()).as("the create task's result").isEqualTo("STAGED");
    }

    @Test
    void aLoginOfSomeoneElseFailsAsAConflictAndChangesNothing() {
        String login = newLogin();
        okta.seedUsers(SeedUser.of(login, "Isaac", "Newton").withStatus("STAGED"));
        Map<String, Object> form = hire(login);
        form.put("startDate", LocalDate.now(ZoneOffset.UTC).toString());

        DescribeExecutionResponse execution = run(form);

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("LoginConflict");
        assertThat(okta.findByLogin(login)).get().extracting(SimulatedUser::status).isEqualTo("STAGED");
    }

    @Test
    void anInvalidHireFailsWithEveryFieldAndNothingReachesOkta() {
        int users = okta.userCount();
        Map<String, Object> form = hire("not-an-email");
        form.put("startDate", "2020-01-01");

        DescribeExecutionResponse execution = run(form);

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("NewHireInvalid");
        assertThat(execution.cause()).contains("email").contains("login").contains("startDate")
                .contains("dev.oktaprov.errors.InvalidInputException");
        assertThat(okta.userCount()).isEqualTo(users);
    }

    @Test
    void aHireDeactivatedBeforeItsStartDateEndsAsCancelledNotAsAFailure() {
        SimulatedUser staged = okta.seedUsers(SeedUser.of(newLogin(), "Ada", "Lovelace").withStatus("STAGED")).get(0);
        String arn = workflow.client().startExecution(b -> b.stateMachineArn(workflow.stateMachineArn())
                .name("cancelled-" + UUID.randomUUID()).input(json(scheduled(staged.id(), Instant.now().plusSeconds(3)))))
                .executionArn();
        // HR calls the hire off while the workflow waits for the start date.
        okta.deactivate(staged.id());

        JsonNode output = output(awaitEnd(arn));

        assertThat(output.path("outcome").asText()).isEqualTo("HIRE_CANCELLED");
        assertThat(output.path("cause").asText()).contains("UserNotActivatableException").contains("DEPROVISIONED");
        assertThat(okta.findById(staged.id())).get().extracting(SimulatedUser::status).isEqualTo("DEPROVISIONED");
    }

    @Test
    void aHireDeletedBeforeItsStartDateEndsAsCancelledToo() {
        JsonNode output = output(run(scheduled("00uDELETED0000000000", Instant.now().minusSeconds(1))));

        assertThat(output.path("outcome").asText()).isEqualTo("HIRE_CANCELLED");
        assertThat(output.path("cause").asText()).contains("NotFoundException");
    }

    @Test
    void aUserActivatedByHandMeanwhileIsAlreadyActive() {
        SimulatedUser active = okta.seedUsers(SeedUser.of(newLogin(), "Ada", "Lovelace")).get(0);

        JsonNode output = output(run(scheduled(active.id(), Instant.now().minusSeconds(1))));

        assertThat(output.path("outcome").asText()).isEqualTo("ALREADY_ACTIVE");
        assertThat(output.at("/user/status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void anOutageOfOktaDuringTheActivationIsRetriedByTheStateMachine() {
        SimulatedUser staged = okta.seedUsers(SeedUser.of(newLogin(), "Ada", "Lovelace").withStatus("STAGED")).get(0);
        // More 503s in a row than one invocation's attempts (OKTA_MAX_ATTEMPTS 4): the function throws
        // TransientUpstreamException and the state machine's Retry invokes it again.
        okta.setFaults(FaultPlan.none().withNext(Fault.ERROR_503, Fault.ERROR_503, Fault.ERROR_503, Fault.ERROR_503));

        DescribeExecutionResponse execution = run(scheduled(staged.id(), Instant.now().minusSeconds(1)));

        assertThat(output(execution).path("outcome").asText()).isEqualTo("ACTIVATED_ON_START_DATE");
        assertThat(history(execution)).filteredOn(type -> type == HistoryEventType.TASK_FAILED).hasSize(1);
        assertThat(okta.findById(staged.id())).get().extracting(SimulatedUser::status).isEqualTo("ACTIVE");
    }

    @Test
    void withoutAStartDateTheHireIsCreatedAsBefore() {
        String login = newLogin();

        JsonNode output = output(run(hire(login)));

        assertThat(output.path("outcome").asText()).isEqualTo("CREATED");
        assertThat(output.at("/user/status").asText()).isEqualTo("STAGED");
    }

    @Test
    void theSamePersonsDeactivatedUserIsARehireForAPersonToDecide() {
        String login = newLogin();
        okta.seedUsers(SeedUser.of(login, "Ada", "Lovelace").withStatus("DEPROVISIONED").withGroups(engineering));

        DescribeExecutionResponse execution = run(hire(login));

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("ExistingUserInactive");
    }

    /** What the onboarding queue starts for a user it created STAGED. */
    private static Map<String, Object> scheduled(String userId, Instant activateAt) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", userId);
        input.put("activateAt", activateAt.truncatedTo(ChronoUnit.SECONDS).toString());
        input.put("waitsForStartDate", true);
        return input;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
