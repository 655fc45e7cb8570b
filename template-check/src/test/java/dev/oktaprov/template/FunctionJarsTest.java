package dev.oktaprov.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The checks that need the real function code: what each function's make target (`sam build`)
 * delivers from functions/NAME/target/NAME.jar, built before this module because the function
 * modules are its test dependencies.
 */
class FunctionJarsTest {

    /** One test per function, on what `sam build` made of it (its make target, from the jars Maven built). */
    @TestFactory
    Stream<DynamicTest> everyHandlerIsALambdaHandlerInWhatSamBuildDeploys() {
        TranslatedTemplate template = Templates.repository();
        List<String> problems = new HandlerClassesCheck().problems(template);
        return template.resourcesOfType(LambdaTargets.FUNCTION).keySet().stream()
                .map(function -> DynamicTest.dynamicTest(function, () ->
                        assertThat(problems).filteredOn(problem -> problem.startsWith(function + ":")).isEmpty()));
    }

    @Test
    void everyErrorTheStateMachineMatchesIsAClassInTheFunctionsItInvokes() {
        assertThat(new ErrorNamesCheck().problems(Templates.repository())).isEmpty();
    }
}
