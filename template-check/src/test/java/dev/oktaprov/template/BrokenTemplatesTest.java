package dev.oktaprov.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each check fails when it should: deliberately broken templates (src/test/resources/broken) and
 * the problem each check must report for them.
 */
class BrokenTemplatesTest {

    @TempDir
    static Path staging;

    private static TranslatedTemplate handlers;
    private static TranslatedTemplate stateMachine;
    private static TranslatedTemplate queue;
    private static TranslatedTemplate iam;
    private static TranslatedTemplate monitoring;
    private static TranslatedTemplate recursion;

    @BeforeAll
    static void stage() {
        handlers = Templates.brokenFixture("handlers.yaml", staging.resolve("handlers"));
        stateMachine = Templates.brokenFixture("state-machine.yaml", staging.resolve("state-machine"));
        queue = Templates.brokenFixture("queue.yaml", staging.resolve("queue"));
        iam = Templates.brokenFixture("iam.yaml", staging.resolve("iam"));
        monitoring = Templates.brokenFixture("monitoring.yaml", staging.resolve("monitoring"));
        recursion = Templates.brokenFixture("recursion.yaml", staging.resolve("recursion"));
    }

    @Test
    void handlerCheckReportsAMissingClassANonHandlerAMissingMethodAndAMissingJar() {
        assertThat(new HandlerClassesCheck().problems(handlers)).containsExactlyInAnyOrder(
                "MissingClassFunction: handler class dev.oktaprov.fixture.DoesNotExist not found in missing-class.jar",
                "NotAHandlerFunction: handler class dev.oktaprov.fixture.NotAHandler in not-a-handler.jar"
                        + " implements neither RequestHandler nor RequestStreamHandler",
                "WrongMethodFunction: handler class dev.oktaprov.fixture.SomeHandler in wrong-method.jar"
                        + " has no public method handle",
                "NoJarFunction: no jar at CodeUri missing/no-such.jar (build it first: mvn -B package -DskipTests)");
    }

    @Test
    void metricCheckReportsWhatNothingEmitsAndLogsNoFunctionWrites() {
        assertThat(new MetricReferencesCheck(java.util.Set.of("UsersCreated", "OktaThrottled")).problems(monitoring))
                .containsExactlyInAnyOrder(
                        "MisspeltMetricAlarm: OktaProvisioning UsersCreatd is not a metric the functions emit [OktaThrottled, UsersCreated]",
                        "OtherServiceAlarm: OktaProvisioning UsersCreated has dimensions {Service=okta-provisioning};"
                                + " the functions emit it under {Service=${AWS::StackName}}",
                        "RestApiMetricAlarm: AWS/ApiGateway 5XXError is not a metric AWS/ApiGateway publishes",
                        "RestApiMetricAlarm: AWS/ApiGateway 5XXError has dimensions [ApiName]; it is published under [[ApiId], [ApiId, Stage]]",
                        "QueueByArnAlarm: AWS/SQS ApproximateAgeOfOldestMessage dimension QueueName is ${Queue.Arn},"
                                + " not the QueueName of an AWS::SQS::Queue of this template",
                        "NobodysNamespaceAlarm: Custom/Things Things: nothing in this template emits namespace Custom/Things",
                        "Dashboard \"Logs\" queries /aws/lambda/${AWS::StackName}/other, not a function's log group"
                                + " [/aws/lambda/${AWS::StackName}/worker]",
                        "Dashboard \"Alarms\" lists ${WorkerLogGroup.Arn}, not the Arn of an alarm of this template",
                        "Dashboard \"Worker\": AWS/Lambda Invocation is not a metric AWS/Lambda publishes",
                        "Dashboard \"Worker\": AWS/Lambda Errors dimension FunctionName is ${Queue},"
                                + " not a Ref of an AWS::Lambda::Function of this template");
    }

    @Test
    void transitionCheckReportsEveryTargetThatIsNotAState() {
        assertThat(new StateTransitionsCheck().problems(stateMachine)).containsExactlyInAnyOrder(
                "Workflow: States.Invoke.Catch[1].Next \"NoSuchState\" is not a state",
                "Workflow: States.Decide.Default \"Nowhere\" is not a state",
                "Workflow: States.Fanout.Branches[0].StartAt \"Missing\" is not a state",
                "Workflow: States.Fanout.Branches[0].States.Only is unreachable from StartAt \"Missing\"",
                "Workflow: States.Dangling has neither Next nor \"End\": true",
                "Workflow: States.Orphan is unreachable from StartAt \"Invoke\"");
    }

    @Test
    void errorNameCheckReportsMisspeltClassesAndServiceErrorsAndNonExceptions() {
        assertThat(new ErrorNamesCheck().problems(stateMachine))
                .hasSize(3)
                .anySatisfy(problem -> assertThat(problem)
                        .contains("Retry matches dev.oktaprov.errors.RateLimitedExceptoin, a class that is not found"))
                .anySatisfy(problem -> assertThat(problem)
                        .contains("Retry matches Lambda.ServiceExcepton, which is not a Lambda service error"))
                .anySatisfy(problem -> assertThat(problem)
                        .contains("Catch matches dev.oktaprov.fixture.NotAnException, a class that is not an exception"));
    }

    @Test
    void aliasCheckReportsStateMachineTasksThatBypassTheAlias() {
        assertThat(new AliasTargetsCheck().problems(stateMachine))
                .hasSize(2)
                .anySatisfy(problem -> assertThat(problem)
                        .startsWith("Workflow: States.InvokeBare (${BareFunctionArn}) targets {\"Fn::GetAtt\""))
                .anySatisfy(problem -> assertThat(problem)
                        .startsWith("Workflow: States.InvokeLiteral invokes arn:aws:lambda:us-east-1:123456789012:function:worker"));
    }

    @Test
    void aliasCheckReportsAnEventSourceMappingAndAnApiRouteOnTheBareFunction() {
        assertThat(new AliasTargetsCheck().problems(queue)).singleElement().asString()
                .startsWith("ConsumerFunctionWork: FunctionName targets ConsumerFunction (AWS::Lambda::Function)");
        assertThat(new AliasTargetsCheck().problems(iam))
                .anySatisfy(problem -> assertThat(problem)
                        .startsWith("ApiFunctionCreatePermission: FunctionName targets ApiFunction (AWS::Lambda::Function)"))
                .anySatisfy(problem -> assertThat(problem)
                        .isEqualTo("Api: POST /users integrates ${ApiFunction.Arn}, which is not an AWS::Lambda::Alias"));
    }

    @Test
    void visibilityCheckReportsAQueueThatRedeliversWhileTheFunctionMayStillRun() {
        assertThat(new QueueVisibilityCheck().problems(queue)).containsExactly(
                "ConsumerFunctionWork: Queue VisibilityTimeout 300 s is less than 6 x ConsumerFunction Timeout 60 s = 360 s");
    }

    @Test
    void concurrencyCheckReportsAMaximumThatSomeParameterValuesPushAboveTheReservation() {
        assertThat(new ConcurrencyCheck().problems(queue)).containsExactly(
                "ConsumerFunctionWork: MaximumConcurrency 2..10 can exceed ConsumerFunction's ReservedConcurrentExecutions 5");
    }

    @Test
    void concurrencyCheckReportsAnUnboundedPoller() {
        assertThat(new ConcurrencyCheck().problems(iam)).containsExactly(
                "PollerFunctionWork: no ScalingConfig.MaximumConcurrency; the poller may invoke PollerFunction"
                        + " more often than its concurrency allows");
    }

    @Test
    void environmentCheckReportsMissingEmptyAndLocalOnlyVariables() {
        assertThat(new EnvironmentVariablesCheck().problems(iam))
                .anySatisfy(problem -> assertThat(problem).startsWith("ApiFunction: environment lacks [DEADLINE_SAFETY_MARGIN_MS,"))
                .anySatisfy(problem -> assertThat(problem).isEqualTo("ApiFunction: environment variable OKTA_ORG_URL is empty"))
                .anySatisfy(problem -> assertThat(problem).startsWith("ApiFunction: sets OKTA_API_TOKEN"))
                .anySatisfy(problem -> assertThat(problem).startsWith("PollerFunction: environment lacks [")
                        .contains("ONBOARDING_PARALLELISM").doesNotContain("ONBOARDING_DLQ_URL"));
    }

    @Test
    void environmentCheckReportsAHandlerWithNoRecordedVariables() {
        assertThat(new EnvironmentVariablesCheck().problems(queue)).containsExactly(
                "ConsumerFunction: handler dev.oktaprov.fixture.SomeHandler has no entry in RequiredEnvironment;"
                        + " record the variables its code reads");
    }

    @Test
    void leastPrivilegeCheckReportsWildcardsNotResourceAndBroadManagedPolicies() {
        assertThat(new LeastPrivilegeCheck().problems(iam)).containsExactlyInAnyOrder(
                "WildRole: statement granting [secretsmanager:GetSecretValue] has wildcard Resource \"*\"",
                "WildRole: statement granting [sqs:*] grants every action of the service",
                "WildRole: statement granting [sqs:SendMessage] uses NotResource, which grants every other resource",
                "WildRole: statement granting [secretsmanager:DescribeSecret] has wildcard Resource {\"Fn::Sub\":"
                        + "\"arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:*\"}",
                "PollerFunctionRole: managed policy AWSLambdaSQSQueueExecutionRole grants SQS or Secrets Manager"
                        + " actions on every resource");
    }

    @Test
    void rolePermissionsCheckReportsARoleThatCannotDoWhatTheFunctionIsConfiguredToDo() {
        assertThat(new RolePermissionsCheck().problems(iam))
                .anySatisfy(problem -> assertThat(problem).isEqualTo("ApiFunction: no statement of role WrongSecretRole grants"
                        + " secretsmanager:GetSecretValue on the secret OKTA_SECRET_ID names {\"Ref\":\"SecretA\"}"))
                .anySatisfy(problem -> assertThat(problem).isEqualTo("PollerFunction: no statement of role PollerFunctionRole"
                        + " grants sqs:SendMessage on the queue ONBOARDING_DLQ_URL names {\"Fn::GetAtt\":[\"DeadLetters\",\"Arn\"]}"));
        assertThat(new RolePermissionsCheck().problems(queue)).containsExactlyInAnyOrder(
                "ConsumerFunction: no statement of role ConsumerRole grants sqs:DeleteMessage on its event source Queue"
                        + " {\"Fn::GetAtt\":[\"Queue\",\"Arn\"]}",
                "ConsumerFunction: no statement of role ConsumerRole grants sqs:GetQueueAttributes on its event source Queue"
                        + " {\"Fn::GetAtt\":[\"Queue\",\"Arn\"]}");
    }

    @Test
    void recursiveLoopCheckReportsAFunctionThatSendsToItsOwnQueueWithoutAllowingTheLoop() {
        assertThat(new RecursiveLoopCheck().problems(recursion)).containsExactlyInAnyOrder(
                "DefaultFunctionWork: DefaultFunction may send to Queue, the queue that invokes it (its role grants"
                        + " sqs:SendMessage on it), but its RecursiveLoop is Terminate: Lambda stops such a chain after 16"
                        + " invocations and drops the message; set RecursiveLoop: Allow and bound the loop in the function",
                "TerminateFunctionWork: TerminateFunction may send to Queue, the queue that invokes it (its role grants"
                        + " sqs:SendMessage on it), but its RecursiveLoop is Terminate: Lambda stops such a chain after 16"
                        + " invocations and drops the message; set RecursiveLoop: Allow and bound the loop in the function");
    }

    @Test
    void apiAuthorizationCheckReportsRoutesWithoutIam() {
        assertThat(new ApiAuthorizationCheck().problems(iam)).containsExactly(
                "Api: POST /users does not require AWS_IAM authorisation");
    }
}
