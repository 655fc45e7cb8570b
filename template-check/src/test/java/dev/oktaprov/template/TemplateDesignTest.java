package dev.oktaprov.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
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
        JsonNode alarm = template.propertiesOf("OnboardingConfigurationAlarm");
        JsonNode environment = template.propertiesOf("OnboardingFunction").path("Environment").path("Variables");

        assertThat(alarm.path("MetricName").asText()).isEqualTo("OnboardingConfigurationFailures");
        assertThat(alarm.path("Namespace").asText()).isEqualTo(environment.path("POWERTOOLS_METRICS_NAMESPACE").asText());
        assertThat(alarm.path("Dimensions").get(0).path("Name").asText()).as("Powertools' default dimension").isEqualTo("Service");
        assertThat(alarm.path("Dimensions").get(0).path("Value").asText())
                .isEqualTo(environment.path("POWERTOOLS_SERVICE_NAME").asText());
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
    void outputsGiveEverythingTheReadmeCommandsNeed() {
        assertThat(template.json().path("Outputs").fieldNames()).toIterable().contains(
                "ApiUrl", "OnboardingQueueUrl", "OnboardingDeadLetterQueueUrl", "OnboardingStateMachineArn",
                "OktaSecretArn");
    }
}
