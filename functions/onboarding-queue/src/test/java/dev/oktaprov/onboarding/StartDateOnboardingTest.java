package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.local.sqs.LocalSqs;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.MotoServer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The queue path and the workflow agree on start dates: a hire whose start date is ahead is created
 * STAGED and starts exactly one workflow execution however often its message comes; one whose date
 * has come is activated at once. Step Functions is moto_server's (recording executions, not running
 * them: that is local/runner's OnboardingWorkflowTest); SQS is ElasticMQ, Okta the simulator. The
 * function's clock says 2026-03-02T09:00Z.
 */
class StartDateOnboardingTest {

    private static final Duration DRAINED = Duration.ofSeconds(60);

    private static LocalSqs sqs;
    private static MotoServer moto;
    private static SfnClient sfn;
    private String stateMachineArn;
    private String engineering;

    @BeforeAll
    static void start() {
        sqs = LocalSqs.start(Map.of());
        moto = MotoServer.start();
        sfn = SfnClient.builder().endpointOverride(moto.endpoint()).region(Region.of(MotoServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(MotoServer.ACCESS_KEY,
                        MotoServer.SECRET_KEY)))
                .build();
    }

    @AfterAll
    static void stop() {
        sfn.close();
        moto.close();
        sqs.close();
    }

    @BeforeEach
    void stateMachine() {
        stateMachineArn = sfn.createStateMachine(b -> b.name("onboarding-" + UUID.randomUUID())
                .roleArn("arn:aws:iam::123456789012:role/onboarding-state-machine")
                .definition("{\"StartAt\":\"Activate\",\"States\":{\"Activate\":{\"Type\":\"Pass\",\"End\":true}}}"))
                .stateMachineArn();
    }

    private OnboardingStack stack(boolean withWorkflow) {
        OnboardingStack stack = new OnboardingStack(sqs, SimulatorOptions.defaults().withToken("test-token"), 5, false);
        engineering = stack.okta.addGroup("Engineering", "All engineers").id();
        if (withWorkflow) {
            stack.env.put("ONBOARDING_STATE_MACHINE_ARN", stateMachineArn);
            stack.env.put("AWS_ENDPOINT_URL_SFN", moto.endpoint().toString());
        }
        return stack;
    }

    private String hire(String login, String startDate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", "Ada");
        body.put("lastName", "Lovelace");
        body.put("email", login.toLowerCase());
        body.put("login", login);
        body.put("startDate", startDate);
        body.put("timeZone", "Europe/Berlin");
        body.put("groupIds", List.of(engineering));
        return Hires.json(body);
    }

    private List<ExecutionListItem> executions() {
        return sfn.listExecutions(b -> b.stateMachineArn(stateMachineArn)).executions();
    }

    private String executionOf(OnboardingStack stack, String login) {
        return ActivationWorkflow.executionName(stack.okta.findByLogin(login).orElseThrow().id(), LocalDate.parse("2026-04-01"));
    }

    @Test
    void aStartDateAheadIsCreatedStagedAndStartsOneExecutionHoweverOftenTheHireComes() throws InterruptedException {
        try (OnboardingStack stack = stack(true).start()) {
            String ada = hire("ada@example.com", "2026-04-01");
            String grace = hire("grace@example.com", "2026-04-01");
            // A producer that sends twice, and the same hire again in a later batch: what redelivery looks like to the function.
            stack.send(ada, grace, ada);
            assertThat(stack.awaitDrained(DRAINED)).isTrue();
            stack.send(hire("ADA@example.com", "2026-04-01"));
            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            assertThat(stack.deadLetters()).isEmpty();
            assertThat(stack.okta.users()).extracting(SimulatedUser::status).containsExactly("STAGED", "STAGED");
            assertThat(stack.okta.users()).allSatisfy(user -> assertThat(user.groupIds()).contains(engineering));
            assertThat(executions()).extracting(ExecutionListItem::name).containsExactlyInAnyOrder(
                    executionOf(stack, "ada@example.com"), executionOf(stack, "grace@example.com"));
            SimulatedUser adaUser = stack.okta.findByLogin("ada@example.com").orElseThrow();
            String input = sfn.describeExecution(b -> b.executionArn(executions().stream()
                    .filter(e -> e.name().equals(executionOf(stack, "ada@example.com")))
                    .findFirst().orElseThrow().executionArn())).input();
            assertThat(input).isEqualTo("{\"id\":\"" + adaUser.id() + "\",\"activateAt\":\"2026-04-01T06:00:00Z\","
                    + "\"waitsForStartDate\":true}");
            assertThat(input).doesNotContain("ada@example.com", "Lovelace");
        }
    }

    @Test
    void aStartDateThatHasComeIsActivatedAtOnceWithoutAnExecution() throws InterruptedException {
        try (OnboardingStack stack = stack(true).start()) {
            stack.send(hire("ada@example.com", "2026-02-27"));
            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            assertThat(stack.okta.findByLogin("ada@example.com")).get().extracting(SimulatedUser::status)
                    .isEqualTo("PROVISIONED");
            assertThat(executions()).isEmpty();
            assertThat(stack.deadLetters()).isEmpty();
        }
    }

    @Test
    void aUserActivatedMeanwhileNeedsNoExecutionAndADeactivatedOneGoesToTheDlq() throws InterruptedException {
        try (OnboardingStack stack = stack(true).start()) {
            stack.okta.seedUsers(SeedUser.of("ada@example.com", "Ada", "Lovelace").withStatus("PROVISIONED").withGroups(engineering),
                    SeedUser.of("grace@example.com", "Ada", "Lovelace").withStatus("DEPROVISIONED"));
            stack.send(hire("ada@example.com", "2026-04-01"), hire("grace@example.com", "2026-04-01"));
            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            assertThat(executions()).isEmpty();
            assertThat(stack.deadLetters()).extracting(Message::body).singleElement().asString().contains("grace@example.com");
        }
    }

    @Test
    void aHireSentAgainAfterItsUserWasDeletedGetsAnExecutionForItsNewUser() throws InterruptedException {
        try (OnboardingStack stack = stack(true).start()) {
            stack.send(hire("ada@example.com", "2026-04-01"));
            assertThat(stack.awaitDrained(DRAINED)).isTrue();
            String deleted = stack.okta.findByLogin("ada@example.com").orElseThrow().id();
            // Someone deletes that user (a typo in the name, a cancelled hire) and HR sends the hire again. The
            // simulator has no DELETE: a reset forgets every user, and another user takes the old id.
            stack.okta.reset();
            engineering = stack.okta.addGroup("Engineering", "All engineers").id();
            stack.okta.seedUsers(SeedUser.of("someone.else@example.com", "Some", "One"));
            stack.send(hire("ada@example.com", "2026-04-01"));
            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            SimulatedUser ada = stack.okta.findByLogin("ada@example.com").orElseThrow();
            assertThat(ada.id()).isNotEqualTo(deleted);
            assertThat(ada.status()).isEqualTo("STAGED");
            // The first execution finds its deleted user on the day (HIRE_CANCELLED): the new user needs its own.
            assertThat(executions()).extracting(e -> sfn.describeExecution(b -> b.executionArn(e.executionArn())).input())
                    .hasSize(2).anySatisfy(input -> assertThat(input).contains("\"id\":\"" + ada.id() + "\""));
            assertThat(stack.deadLetters()).isEmpty();
        }
    }

    @Test
    void aStartDateMovedAwayAndBackGetsARunningExecutionAgain() throws InterruptedException {
        try (OnboardingStack stack = stack(true).start()) {
            stack.send(hire("ada@example.com", "2026-04-01"));
            assertThat(stack.awaitDrained(DRAINED)).isTrue();
            // operations.md: to move a start date, stop the execution and send the hire with the new date. Twice.
            stopRunning();
            stack.send(hire("ada@example.com", "2026-04-08"));
            assertThat(stack.awaitDrained(DRAINED)).isTrue();
            stopRunning();
            stack.send(hire("ada@example.com", "2026-04-01"));
            assertThat(stack.awaitDrained(DRAINED)).isTrue();
            stack.send(hire("ada@example.com", "2026-04-01"));
            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            SimulatedUser ada = stack.okta.findByLogin("ada@example.com").orElseThrow();
            assertThat(ada.status()).isEqualTo("STAGED");
            assertThat(executions()).filteredOn(e -> e.statusAsString().equals("RUNNING")).singleElement()
                    .extracting(e -> sfn.describeExecution(b -> b.executionArn(e.executionArn())).input()).asString()
                    .contains("\"id\":\"" + ada.id() + "\"", "2026-04-01T06:00:00Z");
            assertThat(stack.deadLetters()).isEmpty();
        }
    }

    private void stopRunning() {
        executions().stream().filter(e -> e.statusAsString().equals("RUNNING"))
                .forEach(e -> sfn.stopExecution(b -> b.executionArn(e.executionArn())));
    }

    @Test
    void withoutAWorkflowAHireWhoseStartDateIsAheadGoesToTheDlqUncreatedWithTheReason() throws InterruptedException {
        try (OnboardingStack stack = stack(false).start()) {
            stack.send(hire("ada@example.com", "2026-04-01"));
            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            List<Message> dead = stack.deadLetters();
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).messageAttributes().get("errorCode").stringValue()).isEqualTo("START_DATE_NOT_SCHEDULED");
            assertThat(stack.okta.userCount()).isZero();
        }
    }

    @Test
    void executionNamesAreStableWithinStepFunctionsRulesWhateverTheUserId() {
        String name = ActivationWorkflow.executionName("00u1a2b3c4d5e6f7g8h9", LocalDate.parse("2027-01-04"));

        assertThat(name).matches("hire-[0-9a-f]{40}-2027-01-04").hasSizeLessThanOrEqualTo(80);
        assertThat(ActivationWorkflow.executionName("00u1a2b3c4d5e6f7g8h9", LocalDate.parse("2027-01-04"))).isEqualTo(name);
        assertThat(ActivationWorkflow.executionName("00u9a2b3c4d5e6f7g8h9", LocalDate.parse("2027-01-04"))).isNotEqualTo(name);
        assertThat(ActivationWorkflow.executionName("00u1a2b3c4d5e6f7g8h9", LocalDate.parse("2027-01-05"))).isNotEqualTo(name);
        assertThat(ActivationWorkflow.executionName("00u/with spaces and ünicode", LocalDate.parse("2027-01-04")))
                .matches("hire-[0-9a-f]{40}-2027-01-04");
    }
}
