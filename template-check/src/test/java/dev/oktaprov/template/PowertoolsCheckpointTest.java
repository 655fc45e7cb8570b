package dev.oktaprov.template;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Powertools' metrics module registers a CRaC resource of its own; on a SnapStart function Lambda
 * runs its beforeCheckpoint before taking the snapshot. Run from each function's jar alone, it must
 * not fail: when it did (it initialised every class of a list shipped in Powertools' jar, its AspectJ
 * aspect among them, without AspectJ), no SnapStart version of the function could be published.
 */
class PowertoolsCheckpointTest {

    @TestFactory
    Stream<DynamicTest> powertoolsMetricsBeforeCheckpointRunsFromEachJar() {
        return Stream.concat(FunctionJarContentsTest.API.stream(), Stream.of("onboarding-queue"))
                .map(function -> DynamicTest.dynamicTest(function, () -> {
                    assumeTrue(Files.isDirectory(FunctionJarContentsTest.FUNCTIONS.resolve(function).resolve("src/main/java")));
                    URL jar = FunctionJarContentsTest.jar(function).toUri().toURL();
                    try (URLClassLoader loader = new URLClassLoader("function-jar", new URL[] {jar}, ClassLoader.getPlatformClassLoader())) {
                        Class<?> metrics = loader.loadClass("software.amazon.lambda.powertools.metrics.MetricsFactory");
                        Object resource = metrics.getConstructor().newInstance();
                        Class<?> context = loader.loadClass("org.crac.Context");
                        assertThatCode(() -> {
                            try {
                                metrics.getMethod("beforeCheckpoint", context).invoke(resource, (Object) null);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }).doesNotThrowAnyException();
                    }
                }));
    }
}
