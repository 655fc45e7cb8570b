package dev.oktaprov.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * template.yaml against every check, with stub jars that hold the handler and error classes the
 * function modules promise (so the template's own correctness does not wait for their code), and
 * the design decisions a reviewer would otherwise have to re-derive from the YAML.
 */
class TemplateDesignTest {

    @TempDir
    static Path staging;

    private static TranslatedTemplate template;

    @BeforeAll
    static void stage() {
        template = Templates.repositoryWithStubJars(staging);
    }

    @Test
    void templatePassesEveryCheck() {
        assertThat(TemplateChecks.problems(template)).isEmpty();
    }

    @Test
    void everyFunctionRestoresFromASnapStartSnapshotOnGraviton() {
        template.resourcesOfType("AWS::Lambda::Function").forEach((id, function) -> {
            assertThat(function.path("Runtime").asText()).as(id).isEqualTo("java21");
            assertThat(function.path("Architectures").toString()).as(id).isEqualTo("[\"arm64\"]");
            assertThat(function.path("SnapStart").path("ApplyOn").asText()).as(id).isEqualTo("PublishedVersions");
            assertThat(function.path("TracingConfig").path("Mode").asText()).as(id).isEqualTo("Active");
        });
    }

    @Test
    void everyFunctionLogsToAGroupThatKeepsLogsForTheChosenRetention() {
        template.resourcesOfType("AWS::Lambda::Function").forEach((id, function) -> {
            String logGroup = TranslatedTemplate.refTarget(function.path("LoggingConfig").path("LogGroup")).orElseThrow();
            assertThat(template.typeOf(logGroup)).as(id).isEqualTo("AWS::Logs::LogGroup");
            assertThat(template.propertiesOf(logGroup).path("RetentionInDays").path("Ref").asText())
                    .as(id).isEqualTo("LogRetentionDays");
        });
    }

    @Test
    void deadLettersStayTwoWeeksAndOnlyTheOnboardingQueueMayRedriveIntoThem() {
        JsonNode dlq = template.propertiesOf("OnboardingDeadLetterQueue");
        JsonNode queue = template.propertiesOf("OnboardingQueue");

        assertThat(dlq.path("MessageRetentionPeriod").asInt()).isEqualTo(14 * 24 * 3600);
        assertThat(dlq.path("RedriveAllowPolicy").path("redrivePermission").asText()).isEqualTo("byQueue");
        assertThat(queue.path("RedrivePolicy").path("maxReceiveCount").path("Ref").asText()).isEqualTo("MaxReceiveCount");
        assertThat(queue.path("SqsManagedSseEnabled").asBoolean()).isTrue();
        assertThat(dlq.path("SqsManagedSseEnabled").asBoolean()).isTrue();
    }

    @Test
    void onboardingEventSourceReportsPartialBatchFailures() {
        JsonNode mapping = template.resourcesOfType("AWS::Lambda::EventSourceMapping").values().iterator().next();

        assertThat(mapping.path("FunctionResponseTypes").toString()).contains("ReportBatchItemFailures");
    }

    @Test
    void refusedCredentialsRaiseAnAlarmOnTheMetricTheOnboardingFunctionWrites() {
        // MonitoringTest checks the namespace and the Service dimension of every alarm against what the code emits.
        JsonNode alarm = template.propertiesOf("OnboardingConfigurationAlarm");

        assertThat(alarm.path("MetricName").asText()).isEqualTo("OnboardingConfigurationFailures");
        assertThat(alarm.path("Threshold").asInt()).isEqualTo(1);
        assertThat(alarm.path("AlarmDescription").asText()).contains("fix the secret");
    }

    @Test
    void stackCreatesTheSecretOnlyWhenNoneIsGiven() {
        assertThat(template.resources().path("OktaSecret").path("Condition").asText()).isEqualTo("CreateOktaSecret");
        assertThat(template.propertiesOf("OktaSecret").has("SecretString")).isFalse();
        assertThat(template.propertiesOf("OktaSecret").has("GenerateSecretString")).isFalse();
    }

    @Test
    void outputsGiveEverythingTheReadmeCommandsNeed() throws IOException {
        JsonNode outputs = template.json().path("Outputs");
        List<String> functions = List.of("CreateUser", "GetUser", "ListUsers", "Onboarding");
        Matcher used = Pattern.compile("\\$\\(output (\\w+)\\)").matcher(Files.readString(Templates.repositoryRoot().resolve("README.md")));
        List<String> readme = new ArrayList<>();
        while (used.find()) {
            readme.add(used.group(1));
        }

        assertThat(outputs.fieldNames()).toIterable().contains(
                "ApiUrl", "OnboardingQueueUrl", "OnboardingDeadLetterQueueUrl", "OnboardingStateMachineArn",
                "OktaSecretArn", "DashboardUrl");
        functions.forEach(function -> {
            assertThat(TranslatedTemplate.refTarget(outputs.path(function + "FunctionName").path("Value")))
                    .contains(function + "Function");
            assertThat(TranslatedTemplate.refTarget(outputs.path(function + "FunctionAliasArn").path("Value")))
                    .contains(function + "FunctionAliaslive");
            assertThat(template.typeOf(function + "FunctionAliaslive")).isEqualTo("AWS::Lambda::Alias");
        });
        assertThat(readme).as("$(output X) in the README").isNotEmpty()
                .allSatisfy(name -> assertThat(outputs.has(name)).as(name + " is an output").isTrue());
    }
}
