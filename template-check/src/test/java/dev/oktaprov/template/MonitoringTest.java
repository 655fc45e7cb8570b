package dev.oktaprov.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alarms and the dashboard watch what the deployed code and AWS really emit, and an operator can
 * act on each alarm: checked on what `sam build` delivers (Templates.repository()).
 */
class MonitoringTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TranslatedTemplate template;
    private static List<Path> code;

    @BeforeAll
    static void build() {
        template = Templates.repository();
        code = template.resourcesOfType(LambdaTargets.FUNCTION).keySet().stream()
                .map(id -> template.functionCode(id).orElseThrow()).toList();
    }

    @Test
    void everyAlarmAndTheDashboardReferToMetricsSomethingEmits() {
        Set<String> emitted = EmittedMetrics.names(code);

        assertThat(emitted).as("what the functions' code emits")
                .contains("UsersCreated", "OktaThrottled", "OktaAuthorizationFailures", "CredentialsUnavailable",
                        "OnboardingDeadLettered", "OnboardingRetried");
        assertThat(new MetricReferencesCheck(emitted).problems(template)).isEmpty();
    }

    /**
     * Powertools, run from the onboarding function's built code with the environment the template
     * gives it, decides the namespace and dimensions its metrics land under: the alarms' own.
     */
    @Test
    void theFunctionsEmitInTheNamespaceAndUnderTheDimensionTheAlarmsUse() throws Exception {
        JsonNode variables = template.propertiesOf("OnboardingFunction").path("Environment").path("Variables");
        String namespace = MetricReferencesCheck.token(variables.path("POWERTOOLS_METRICS_NAMESPACE"));

        JsonNode emf = emitOneMetric(template.functionCode("OnboardingFunction").orElseThrow(),
                Map.of("POWERTOOLS_SERVICE_NAME", "okta-staging", "POWERTOOLS_METRICS_NAMESPACE", namespace,
                        "AWS_LAMBDA_FUNCTION_NAME", "okta-staging-OnboardingFunction"));
        JsonNode directive = emf.path("_aws").path("CloudWatchMetrics").get(0);

        assertThat(directive.path("Namespace").asText()).isEqualTo(namespace);
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"" + MetricReferencesCheck.SERVICE_DIMENSION + "\"]]");
        assertThat(emf.path(MetricReferencesCheck.SERVICE_DIMENSION).asText()).isEqualTo("okta-staging");
        assertThat(directive.path("Metrics").findValuesAsText("Name")).containsExactly("OktaAuthorizationFailures");
        assertThat(MetricReferencesCheck.token(variables.path("POWERTOOLS_SERVICE_NAME")))
                .as("one Service per stack: another stack's failures never set off this one's alarms")
                .isEqualTo("${AWS::StackName}");
    }

    @Test
    void theAlarmsCoverWhatAnOperatorMustActOnAndEachSaysWhatToDo() {
        Map<String, JsonNode> alarms = template.resourcesOfType("AWS::CloudWatch::Alarm");
        List<String> watched = new ArrayList<>();
        MetricReferencesCheck.references(template, new ArrayList<>()).stream()
                .filter(reference -> alarms.containsKey(reference.where()))
                .forEach(reference -> watched.add(reference.namespace() + " " + reference.metric()));

        assertThat(watched).contains("AWS/ApiGateway 5xx", "OktaProvisioning OktaAuthorizationFailures",
                "OktaProvisioning CredentialsUnavailable", "AWS/States ExecutionsFailed",
                "AWS/SQS ApproximateAgeOfOldestMessage", "AWS/SQS ApproximateNumberOfMessagesVisible");
        alarms.forEach((id, alarm) -> {
            assertThat(alarm.path("AlarmDescription").asText().length()).as(id + " says what to do").isGreaterThan(80);
            assertThat(alarm.path("AlarmActions").toString()).as(id + " notifies the optional topic")
                    .isEqualTo("{\"Fn::If\":[\"HasAlarmTopic\",[{\"Ref\":\"AlarmTopicArn\"}],{\"Ref\":\"AWS::NoValue\"}]}");
            assertThat(alarm.path("TreatMissingData").asText()).as(id + ": no data is no trouble").isEqualTo("notBreaching");
        });
    }

    @Test
    void theDashboardShowsOnboardingTheQueuesTheApiAndColdStarts() throws Exception {
        Map<String, JsonNode> dashboards = template.resourcesOfType("AWS::CloudWatch::Dashboard");
        Set<String> shown = MetricReferencesCheck.references(template, new ArrayList<>()).stream()
                .filter(reference -> !template.resourcesOfType("AWS::CloudWatch::Alarm").containsKey(reference.where()))
                .map(reference -> reference.metric() + " " + reference.dimensions().values())
                .collect(Collectors.toSet());
        JsonNode body = JSON.readTree(MetricReferencesCheck.token(dashboards.values().iterator().next().path("DashboardBody")));

        assertThat(dashboards).hasSize(1);
        assertThat(shown).as("throughput and outcomes").contains("NumberOfMessagesDeleted [${OnboardingQueue.QueueName}]",
                "UsersCreated [${AWS::StackName}]", "OnboardingDeadLettered [${AWS::StackName}]");
        assertThat(shown).as("rate-limit waits").contains("OktaThrottled [${AWS::StackName}]");
        assertThat(shown).as("queue depth and age, DLQ depth").contains(
                "ApproximateNumberOfMessagesVisible [${OnboardingQueue.QueueName}]",
                "ApproximateAgeOfOldestMessage [${OnboardingQueue.QueueName}]",
                "ApproximateNumberOfMessagesVisible [${OnboardingDeadLetterQueue.QueueName}]");
        assertThat(shown).as("API latency and errors").contains("Latency [${OktaApi}]", "5xx [${OktaApi}]", "4xx [${OktaApi}]");
        assertThat(body.findValuesAsText("query")).as("cold starts: SnapStart restores, from the REPORT log lines")
                .anySatisfy(query -> assertThat(query).contains("filter @type = \"REPORT\"", "Restore Duration"));
    }

    /** The EMF line the code at {@code taskRoot} prints for one metric, in a JVM of its own with {@code environment}. */
    private static JsonNode emitOneMetric(Path taskRoot, Map<String, String> environment) throws Exception {
        List<String> classPath = new ArrayList<>();
        for (URL url : JarClasses.lambdaClassPath(taskRoot)) {
            classPath.add(Path.of(url.toURI()).toString());
        }
        classPath.add(Path.of(EmfProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        ProcessResult probe = Processes.run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, classPath), EmfProbe.class.getName(), "oktaAuthorizationFailure"),
                taskRoot, environment);

        assertThat(probe.exitCode()).as(probe.output()).isZero();
        String line = probe.stdout().lines().filter(text -> text.startsWith("{\"_aws\""))
                .findFirst().orElseThrow(() -> new AssertionError("no EMF line in:\n" + probe.output()));
        return JSON.readTree(line);
    }
}
