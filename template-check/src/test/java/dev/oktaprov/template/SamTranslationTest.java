package dev.oktaprov.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTranslationTest {

    @Test
    void templateTranslatesToCloudFormationOffline() {
        TranslatedTemplate translated = Templates.repository();

        assertThat(translated.resourcesOfType("AWS::Lambda::Function")).containsOnlyKeys(
                "CreateUserFunction", "GetUserFunction", "ListUsersFunction", "OnboardingFunction", "ActivateUserFunction");
        assertThat(translated.resourcesOfType("AWS::Lambda::Alias")).containsOnlyKeys(
                "CreateUserFunctionAliaslive", "GetUserFunctionAliaslive", "ListUsersFunctionAliaslive",
                "OnboardingFunctionAliaslive", "ActivateUserFunctionAliaslive");
        assertThat(translated.resourcesOfType("AWS::Lambda::EventSourceMapping")).hasSize(1);
        assertThat(translated.resourcesOfType("AWS::ApiGatewayV2::Api")).containsOnlyKeys("OktaApi");
        assertThat(translated.resourcesOfType("AWS::StepFunctions::StateMachine")).containsOnlyKeys("OnboardingStateMachine");
        assertThat(translated.resourcesOfType("AWS::SQS::Queue")).containsOnlyKeys(
                "OnboardingQueue", "OnboardingDeadLetterQueue");
    }

    @Test
    void translationFailureSaysWhatSamRejected(@TempDir Path directory) {
        Templates.copyBrokenFixtures(directory);

        assertThatThrownBy(() -> SamTranslator.translate(directory.resolve("untranslatable.yaml")))
                .isInstanceOf(SamTranslator.TranslationFailed.class)
                .hasMessageContaining("SomeFunction")
                .hasMessageContaining("Queue");
    }
}
