package dev.oktaprov.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateFactsTest {

    @Test
    void readsTheRepositoryTemplatesFlagsMemoryAndPlainVariables() {
        TemplateFacts facts = TemplateFacts.read(Path.of("..", "..", "template.yaml"));

        assertThat(facts.javaToolOptions()).contains("-XX:TieredStopAtLevel=1");
        assertThat(facts.globalMemoryMb()).isPositive();
        assertThat(facts.onboardingMemoryMb()).isPositive();
        assertThat(facts.globalTimeoutSeconds()).isPositive();
        assertThat(facts.onboardingTimeoutSeconds()).isGreaterThanOrEqualTo(facts.globalTimeoutSeconds());
        assertThat(facts.plainEnvironment()).containsKeys("OKTA_MAX_ATTEMPTS", "POWERTOOLS_METRICS_NAMESPACE")
                .doesNotContainKeys("OKTA_ORG_URL", "OKTA_SECRET_ID");
    }

    @Test
    void intrinsicsAreLeftOutAndTheOnboardingFunctionsOwnMemoryAndTimeoutAreFound(@TempDir Path dir) throws Exception {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, """
                Globals:
                  Function:
                    MemorySize: 512 # comment
                    Timeout: 20
                    Environment:
                      Variables:
                        JAVA_TOOL_OPTIONS: "-Xshare:auto"
                        OKTA_ORG_URL: !Ref OktaOrgUrl
                        PLAIN: 'value'
                Resources:
                  OnboardingFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      MemorySize: 768
                      Timeout: 90
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      VisibilityTimeout: 840
                """);

        TemplateFacts facts = TemplateFacts.read(template);

        assertThat(facts.javaToolOptions()).isEqualTo("-Xshare:auto");
        assertThat(facts.globalMemoryMb()).isEqualTo(512);
        assertThat(facts.onboardingMemoryMb()).isEqualTo(768);
        assertThat(facts.globalTimeoutSeconds()).isEqualTo(20);
        assertThat(facts.onboardingTimeoutSeconds()).isEqualTo(90);
        assertThat(facts.plainEnvironment()).containsEntry("PLAIN", "value").doesNotContainKey("OKTA_ORG_URL");
    }
}
