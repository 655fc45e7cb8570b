package dev.oktaprov.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CfnLintTest {

    @Test
    void templatePassesCfnLint() {
        ProcessResult lint = CfnLint.lint(Templates.repositoryTemplate());

        assertThat(lint.exitCode()).as("cfn-lint template.yaml said:%n%s", lint.output()).isZero();
    }

    @Test
    void stateMachineDefinitionPassesCfnLint(@TempDir Path directory) {
        ProcessResult lint = StateMachineLint.lint(
                Templates.repositoryRoot().resolve("statemachine/onboarding.asl.json"), directory);

        assertThat(lint.exitCode()).as("cfn-lint on onboarding.asl.json said:%n%s", lint.output()).isZero();
    }

    @Test
    void cfnLintRejectsATemplateWithAnUnknownRuntime(@TempDir Path directory) {
        Templates.copyBrokenFixtures(directory);

        ProcessResult lint = CfnLint.lint(directory.resolve("cfn-lint-invalid.yaml"));

        assertThat(lint.exitCode()).isNotZero();
        assertThat(lint.output()).contains("java99");
    }

    @Test
    void cfnLintRejectsADefinitionWithAStateThatNeitherEndsNorMovesOn(@TempDir Path directory) {
        Templates.copyBrokenFixtures(directory);

        ProcessResult lint = StateMachineLint.lint(directory.resolve("state-machine.asl.json"), directory);

        assertThat(lint.exitCode()).isNotZero();
        assertThat(lint.output()).contains("E3601");
    }
}
