package dev.oktaprov.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The checks that need the real function jars (functions/NAME/target/NAME.jar, built before this
 * module because the function modules are its test dependencies).
 */
class FunctionJarsTest {

    /**
     * One test per function. A function module that has no sources yet (being written in parallel)
     * is reported as skipped, not passed; from its first source file on, the check is strict.
     */
    @TestFactory
    Stream<DynamicTest> everyHandlerIsALambdaHandlerInTheJarAtItsCodeUri() {
        TranslatedTemplate template = Templates.repository();
        List<String> problems = new HandlerClassesCheck().problems(template);
        return template.resourcesOfType(LambdaTargets.FUNCTION).keySet().stream()
                .map(function -> DynamicTest.dynamicTest(function, () -> {
                    Path module = template.functionCode(function).orElseThrow().getParent().getParent();
                    assumeTrue(Files.isDirectory(module.resolve("src/main/java")),
                            template.directory().relativize(module) + " has no sources yet");
                    assertThat(problems).filteredOn(problem -> problem.startsWith(function + ":")).isEmpty();
                }));
    }

    @Test
    void everyErrorTheStateMachineMatchesIsAClassInTheFunctionsItInvokes() {
        assertThat(new ErrorNamesCheck().problems(Templates.repository())).isEmpty();
    }
}
