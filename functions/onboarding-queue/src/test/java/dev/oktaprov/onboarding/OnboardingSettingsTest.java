package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktaprov.errors.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnboardingSettingsTest {

    private static final String DLQ = "https://sqs.us-east-1.amazonaws.com/123456789012/okta-provisioning-onboarding-dlq";

    @Test
    void onlyTheDlqUrlIsRequired() {
        OnboardingSettings settings = OnboardingSettings.fromEnvironment(Map.of("ONBOARDING_DLQ_URL", DLQ));

        assertThat(settings.deadLetterQueueUrl()).isEqualTo(DLQ);
        assertThat(settings.parallelism()).isEqualTo(4);
        assertThat(settings.retryBase()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.retryMax()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.throttleDelayMax()).isEqualTo(Duration.ofSeconds(900));
        assertThat(settings.maxResends()).isEqualTo(100);
        assertThat(settings.deadLetterQueueIsFifo()).isFalse();
    }

    @Test
    void everySettingCanBeChanged() {
        OnboardingSettings settings = OnboardingSettings.fromEnvironment(Map.of(
                "ONBOARDING_DLQ_URL", "http://127.0.0.1:9324/000000000000/onboarding-dlq.fifo",
                "ONBOARDING_PARALLELISM", "1",
                "ONBOARDING_RETRY_BASE_SECONDS", "5",
                "ONBOARDING_RETRY_MAX_SECONDS", "43200",
                "ONBOARDING_THROTTLE_MAX_DELAY_SECONDS", "0",
                "ONBOARDING_MAX_RESENDS", "0"));

        assertThat(settings.parallelism()).isEqualTo(1);
        assertThat(settings.retryBase()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.retryMax()).isEqualTo(Duration.ofHours(12));
        assertThat(settings.throttleDelayMax()).isZero();
        assertThat(settings.maxResends()).isZero();
        assertThat(settings.deadLetterQueueIsFifo()).isTrue();
    }

    @Test
    void aBackoffCeilingEqualToItsBaseIsAFixedBackoff() {
        OnboardingSettings settings = OnboardingSettings.fromEnvironment(Map.of("ONBOARDING_DLQ_URL", DLQ,
                "ONBOARDING_RETRY_BASE_SECONDS", "30", "ONBOARDING_RETRY_MAX_SECONDS", "30"));

        assertThat(settings.retryBase()).isEqualTo(settings.retryMax()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void everyProblemIsReportedAtOnceByVariableName() {
        assertThatThrownBy(() -> OnboardingSettings.fromEnvironment(Map.of(
                "ONBOARDING_PARALLELISM", "0",
                "ONBOARDING_RETRY_BASE_SECONDS", "600",
                "ONBOARDING_RETRY_MAX_SECONDS", "60",
                "ONBOARDING_THROTTLE_MAX_DELAY_SECONDS", "901",
                "ONBOARDING_MAX_RESENDS", "-1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ONBOARDING_DLQ_URL is required")
                .hasMessageContaining("ONBOARDING_PARALLELISM must be 1-10, was 0")
                .hasMessageContaining("ONBOARDING_RETRY_MAX_SECONDS (60) must not be below ONBOARDING_RETRY_BASE_SECONDS (600)")
                .hasMessageContaining("ONBOARDING_THROTTLE_MAX_DELAY_SECONDS must be 0-900, was 901")
                .hasMessageContaining("ONBOARDING_MAX_RESENDS must be 0-10000, was -1");
    }

    @Test
    void aDlqThatIsNotAQueueUrlIsRefused() {
        for (String notAUrl : new String[] {"onboarding-dlq", "arn:aws:sqs:us-east-1:123456789012:dlq",
                "https://sqs.us-east-1.amazonaws.com/", "sqs.us-east-1.amazonaws.com/123456789012/dlq",
                "https:///123456789012/dlq", "ftp://sqs.us-east-1.amazonaws.com/123456789012/dlq",
                "https://sqs.example.com/a b"}) {
            assertThatThrownBy(() -> OnboardingSettings.fromEnvironment(Map.of("ONBOARDING_DLQ_URL", notAUrl)))
                    .as(notAUrl)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("ONBOARDING_DLQ_URL must be a queue URL");
        }
        assertThatThrownBy(() -> OnboardingSettings.fromEnvironment(Map.of("ONBOARDING_DLQ_URL", DLQ, "ONBOARDING_PARALLELISM", "two")))
                .hasMessageContaining("ONBOARDING_PARALLELISM must be a whole number 1-10");
        String local = "http://localhost:9324/000000000000/dlq";
        assertThat(OnboardingSettings.fromEnvironment(Map.of("ONBOARDING_DLQ_URL", local)).deadLetterQueueUrl())
                .as("a local SQS over plain HTTP").isEqualTo(local);
    }

    @Test
    void aStateMachineArnIsOptionalButMustBeOne() {
        assertThat(OnboardingSettings.fromEnvironment(Map.of("ONBOARDING_DLQ_URL", DLQ)).stateMachineArn()).isNull();
        String arn = "arn:aws:states:eu-central-1:123456789012:stateMachine:onboarding";
        assertThat(OnboardingSettings.fromEnvironment(Map.of("ONBOARDING_DLQ_URL", DLQ,
                "ONBOARDING_STATE_MACHINE_ARN", arn)).stateMachineArn()).isEqualTo(arn);
        assertThatThrownBy(() -> OnboardingSettings.fromEnvironment(Map.of("ONBOARDING_DLQ_URL", DLQ,
                "ONBOARDING_STATE_MACHINE_ARN", "arn:aws:states:eu-central-1:123456789012:execution:onboarding")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ONBOARDING_STATE_MACHINE_ARN must be a state machine ARN");
    }
}
