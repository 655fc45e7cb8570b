package dev.oktaprov.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oktaprov.local.functions.FunctionEnvironment;
import dev.oktaprov.local.functions.LocalFunctions;
import dev.oktaprov.local.functions.OktaTarget;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;

/**
 * The local run without moto_server: the onboarding function's StartExecution is answered (names
 * deduplicated as Step Functions does), and the queue's hires are activated by the real
 * activate-user handler when their time comes. Nothing else of the state machine runs.
 */
class ScheduledActivationsTest {

    private static final List<String> log = new CopyOnWriteArrayList<>();
    private static OktaSimulator okta;
    private static LocalWorkflow workflow;

    @BeforeAll
    static void start() {
        okta = OktaSimulator.start(SimulatorOptions.defaults().withToken("test-token"));
        FunctionEnvironment environment = new FunctionEnvironment(Map.of(), OktaTarget.simulator(okta.baseUrl(), okta.token()),
                "us-east-1");
        workflow = LocalWorkflow.start(LocalFunctions.workflow(environment), "us-east-1",
                Map.of(LocalWorkflow.LOCAL_WORKFLOW, "scheduler"), Clock.systemUTC(), log::add);
    }

    @AfterAll
    static void stop() {
        workflow.close();
        okta.close();
    }

    private static String start(String name, String input) {
        return workflow.client().startExecution(b -> b.stateMachineArn(workflow.stateMachineArn()).name(name).input(input))
                .executionArn();
    }

    @Test
    void aScheduledHireIsActivatedWhenItsTimeComesAndItsNameStartsOneActivation() throws InterruptedException {
        SimulatedUser staged = okta.seedUsers(SeedUser.of("ada@example.com", "Ada", "Lovelace").withStatus("STAGED")).get(0);
        String input = "{\"id\":\"" + staged.id() + "\",\"activateAt\":\""
                + Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS) + "\",\"waitsForStartDate\":true}";

        String first = start("hire-ada", input);
        String again = start("hire-ada", input);
        ExecutionAlreadyExistsException refused = catchThrowableOfType(ExecutionAlreadyExistsException.class,
                () -> start("hire-ada", input.replace("true", "false")));

        assertThat(workflow.engine()).isEqualTo(LocalWorkflow.Engine.LOCAL_SCHEDULER);
        assertThat(workflow.description()).contains("LOCAL_WORKFLOW=scheduler", "local scheduler");
        assertThat(again).isEqualTo(first).endsWith(":execution:" + LocalWorkflow.STATE_MACHINE_NAME + ":hire-ada");
        assertThat(refused).isNotNull();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        // The scheduler notes the activation once it and the read-back are done.
        while (activations(staged.id()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(okta.findById(staged.id())).get().extracting(SimulatedUser::status).isEqualTo("ACTIVE");
        assertThat(activations(staged.id())).singleElement().asString().contains("\"outcome\":\"ACTIVATED\"");
        assertThat(okta.counters().requests(RateLimitBucket.OTHER)).as("one activation, and the read-back's group list")
                .isEqualTo(2);
    }

    private static List<String> activations(String userId) {
        return log.stream().filter(line -> line.contains("start date of Okta user " + userId + " came")).toList();
    }

    @Test
    void aCreateFormIsRefusedWithWhatToInstall() {
        InvalidExecutionInputException refused = catchThrowableOfType(InvalidExecutionInputException.class,
                () -> start("form", "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"}"));

        assertThat(refused.getMessage()).contains("install moto_server");
    }
}
