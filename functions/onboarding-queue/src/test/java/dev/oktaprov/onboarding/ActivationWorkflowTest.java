package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oktaprov.aws.StepFunctionsStarter;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.provisioning.StartSchedule;
import dev.oktaprov.testsupport.MotoServer;
import dev.oktaprov.time.Deadline;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The function's signed StartExecution (no AWS SDK) judged by moto_server's Step Functions: one
 * execution per hire, a second start of it is success, a state machine that is not there holds the
 * backlog (configuration), no time left starts nothing and is retried; and with signatures checked
 * as AWS does, an IAM user's key starts the execution and a wrong secret key is configuration.
 */
class ActivationWorkflowTest {

    private static final StartSchedule SCHEDULE = new StartSchedule(LocalDate.parse("2027-01-04"), ZoneId.of("Europe/Berlin"),
            LocalTime.of(8, 0), Instant.parse("2027-01-04T07:00:00Z"), true);
    private static final String DEFINITION = "{\"StartAt\":\"Wait\",\"States\":{\"Wait\":{\"Type\":\"Pass\",\"End\":true}}}";
    private static final String ROLE = "arn:aws:iam::123456789012:role/onboarding-state-machine";
    /** What the signature test creates before moto starts checking: user, key, policy, attachment, state machine. */
    private static final int SETUP_ACTIONS = 5;

    private static SfnClient admin(MotoServer moto) {
        return SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(moto.endpoint())
                .region(Region.of(MotoServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(MotoServer.ACCESS_KEY,
                        MotoServer.SECRET_KEY)))
                .build();
    }

    private static ActivationWorkflow workflow(Map<String, String> env, String stateMachineArn) {
        Map<String, String> sfnEnv = new HashMap<>(env);
        sfnEnv.put("AWS_ENDPOINT_URL_SFN", env.get("AWS_ENDPOINT_URL"));
        StepFunctionsStarter starter = StepFunctionsClients.fromEnvironment(sfnEnv, OktaClient.defaultHttpClient(Duration.ofSeconds(2)),
                Clock.systemUTC(), wait -> { });
        return new ActivationWorkflow(() -> starter, stateMachineArn, Clock.systemUTC());
    }

    private static Deadline seconds(long seconds) {
        return Deadline.after(Duration.ofSeconds(seconds), Clock.systemUTC());
    }

    @Test
    void oneExecutionPerHireASecondStartIsSuccessAMissingStateMachineIsConfiguration() {
        try (MotoServer moto = MotoServer.start(); SfnClient sfn = admin(moto)) {
            String arn = sfn.createStateMachine(b -> b.name("onboarding-" + UUID.randomUUID()).roleArn(ROLE).definition(DEFINITION))
                    .stateMachineArn();
            ActivationWorkflow workflow = workflow(moto.environment(), arn);

            ActivationWorkflow.Start first = workflow.start("00u1", SCHEDULE, seconds(10));
            ActivationWorkflow.Start again = workflow.start("00u1", SCHEDULE, seconds(10));

            assertThat(first).isEqualTo(ActivationWorkflow.Start.STARTED);
            assertThat(again).as("the same name and input while it runs: Step Functions takes it again")
                    .isEqualTo(ActivationWorkflow.Start.STARTED);
            assertThat(sfn.listExecutions(b -> b.stateMachineArn(arn)).executions()).singleElement()
                    .satisfies(e -> assertThat(e.name()).isEqualTo(ActivationWorkflow.executionName("00u1",
                            SCHEDULE.startDate())));
            String execution = sfn.listExecutions(b -> b.stateMachineArn(arn)).executions().get(0).executionArn();
            sfn.stopExecution(b -> b.executionArn(execution));
            assertThat(workflow.start("00u1", SCHEDULE, seconds(10)))
                    .as("its execution was stopped (a start date moved away and back): nothing would activate the user")
                    .isEqualTo(ActivationWorkflow.Start.STARTED_AGAIN);
            assertThat(workflow.start("00u1", SCHEDULE, seconds(10))).as("and that run is found again")
                    .isEqualTo(ActivationWorkflow.Start.STARTED_AGAIN);
            assertThat(sfn.listExecutions(b -> b.stateMachineArn(arn)).executions())
                    .extracting(e -> e.name() + " " + e.statusAsString()).containsExactlyInAnyOrder(
                            ActivationWorkflow.executionName("00u1", SCHEDULE.startDate()) + " ABORTED",
                            ActivationWorkflow.executionName("00u1", SCHEDULE.startDate()) + "-2 RUNNING");

            String missing = arn.replaceFirst("onboarding-[^:]+$", "deleted-" + UUID.randomUUID());
            ConfigurationException refused = catchThrowableOfType(ConfigurationException.class,
                    () -> workflow(moto.environment(), missing).start("00u2", SCHEDULE, seconds(10)));
            assertThat(refused.getMessage()).contains("StateMachineDoesNotExist").contains("ONBOARDING_STATE_MACHINE_ARN");

            assertThat(catchThrowableOfType(ActivationWorkflow.WorkflowUnavailableException.class,
                    () -> workflow.start("00u3", SCHEDULE, Deadline.at(Instant.now().minusSeconds(1)))))
                    .as("no time left: retried with the message").isNotNull();
            assertThat(sfn.listExecutions(b -> b.stateMachineArn(arn)).executions()).hasSize(2);
        }
    }

    @Test
    void aHireWhoseTenRunsWereAllStoppedComesBackInsteadOfPassingForStarted() {
        try (MotoServer moto = MotoServer.start(); SfnClient sfn = admin(moto)) {
            String arn = sfn.createStateMachine(b -> b.name("onboarding-" + UUID.randomUUID()).roleArn(ROLE).definition(DEFINITION))
                    .stateMachineArn();
            ActivationWorkflow workflow = workflow(moto.environment(), arn);
            for (int run = 1; run <= 10; run++) {
                workflow.start("00u1", SCHEDULE, seconds(10));
                sfn.listExecutions(b -> b.stateMachineArn(arn).statusFilter("RUNNING")).executions()
                        .forEach(e -> sfn.stopExecution(b -> b.executionArn(e.executionArn())));
            }

            assertThat(catchThrowableOfType(ActivationWorkflow.WorkflowUnavailableException.class,
                    () -> workflow.start("00u1", SCHEDULE, seconds(10)))).hasMessageContaining("by hand");
            assertThat(sfn.listExecutions(b -> b.stateMachineArn(arn)).executions()).hasSize(10)
                    .allSatisfy(e -> assertThat(e.statusAsString()).isEqualTo("ABORTED"));
        }
    }

    @Test
    void noAwsCredentialsIsConfigurationAndNothingIsSent() {
        Map<String, String> env = Map.of("AWS_REGION", MotoServer.REGION, "AWS_ENDPOINT_URL", "http://127.0.0.1:9");
        ActivationWorkflow workflow = workflow(env, "arn:aws:states:us-east-1:123456789012:stateMachine:onboarding");

        ConfigurationException refused = catchThrowableOfType(ConfigurationException.class,
                () -> workflow.start("00u1", SCHEDULE, seconds(10)));

        assertThat(refused.getMessage()).contains("no AWS credentials").contains("states:StartExecution");
    }

    @Test
    void withSignaturesCheckedAnIamUsersKeyStartsTheExecutionAndAWrongSecretKeyIsConfiguration() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"states:StartExecution\",\"Resource\":\"*\"}]}";
        try (MotoServer moto = MotoServer.startCheckingSignatures(SETUP_ACTIONS); SfnClient sfn = admin(moto);
                IamClient iam = IamClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.AWS_GLOBAL)
                        .endpointOverride(URI.create(moto.environment().get("AWS_ENDPOINT_URL")))
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY)))
                        .build()) {
            iam.createUser(b -> b.userName("onboarding"));
            AccessKey key = iam.createAccessKey(b -> b.userName("onboarding")).accessKey();
            String policyArn = iam.createPolicy(b -> b.policyName("start-onboarding").policyDocument(policy)).policy().arn();
            iam.attachUserPolicy(b -> b.userName("onboarding").policyArn(policyArn));
            String arn = sfn.createStateMachine(b -> b.name("onboarding").roleArn(ROLE).definition(DEFINITION)).stateMachineArn();

            Map<String, String> right = new HashMap<>(moto.environment());
            right.put("AWS_ACCESS_KEY_ID", key.accessKeyId());
            right.put("AWS_SECRET_ACCESS_KEY", key.secretAccessKey());
            Map<String, String> wrong = new HashMap<>(right);
            wrong.put("AWS_SECRET_ACCESS_KEY", "not-" + key.secretAccessKey());

            assertThat(workflow(right, arn).start("00u1", SCHEDULE, seconds(10)))
                    .isEqualTo(ActivationWorkflow.Start.STARTED);
            ConfigurationException refused = catchThrowableOfType(ConfigurationException.class,
                    () -> workflow(wrong, arn).start("00u2", SCHEDULE, seconds(10)));
            assertThat(refused.getMessage()).contains("HTTP 4").doesNotContain(key.secretAccessKey());
        }
    }
}
