package dev.oktaprov.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * What the function jars must never carry and how large they may grow: the deterministic side of
 * bench/ (README, "Performance"). Size and class count are what Lambda downloads and what a cold
 * start scans; Okta's SDK, Apache HTTP clients and Netty are what this project exists to avoid.
 */
class FunctionJarContentsTest {

    /** Ceiling for every function jar: the goal, 8 MiB (bench/ reports the actual sizes). */
    static final long API_JAR_CEILING_BYTES = 8L * 1024 * 1024;
    /** The onboarding function also carries the AWS SDK's SQS client: under 9 MB, 8 MiB is the goal (README "Performance"). */
    static final long ONBOARDING_JAR_CEILING_BYTES = 9_000_000;

    /**
     * Okta's SDK, other HTTP stacks, and what only the Lambda runtime's POJO serializer needed: the
     * functions are stream handlers that read their events with the project's Jackson, so neither
     * {@code aws-lambda-java-events}, its Joda-Time, nor the runtime's serialization library has a
     * place in a jar.
     */
    static final List<String> NEVER_IN_A_FUNCTION = List.of(
            "com/okta/sdk/", "com/okta/commons/", "org/apache/http/", "org/apache/hc/", "io/netty/",
            "org/joda/", "com/amazonaws/services/lambda/runtime/events/", "com/amazonaws/services/lambda/runtime/serialization/");
    /** The API functions read their one secret with the project's own signed call: no AWS SDK client or core. */
    static final List<String> NEVER_IN_AN_API_FUNCTION = List.of("software/amazon/awssdk/core/",
            "software/amazon/awssdk/services/", "software/amazon/awssdk/auth/", "software/amazon/awssdk/thirdparty/");

    static final Path FUNCTIONS = Path.of("..", "functions");

    static final List<String> API = List.of("create-user", "get-user", "list-users");

    static Path jar(String function) {
        return FUNCTIONS.resolve(function).resolve("target").resolve(function + ".jar");
    }

    private static boolean hasSources(String function) {
        return Files.isDirectory(FUNCTIONS.resolve(function).resolve("src/main/java"));
    }

    @TestFactory
    Stream<DynamicTest> noFunctionJarCarriesAnotherHttpStackOrOktasSdk() {
        return Stream.concat(API.stream(), Stream.of("onboarding-queue")).map(function -> DynamicTest.dynamicTest(function, () -> {
            assumeTrue(hasSources(function), function + " has no sources yet");
            assertThat(jar(function)).as("built by the function's module before this one (mvn verify)").isRegularFile();
            assertThat(classesUnder(jar(function), NEVER_IN_A_FUNCTION))
                    .as(jar(function) + " must not contain " + NEVER_IN_A_FUNCTION).isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> functionJarsStayUnderTheirSizeCeiling() {
        return Stream.concat(API.stream(), Stream.of("onboarding-queue")).map(function -> DynamicTest.dynamicTest(function, () -> {
            assumeTrue(hasSources(function), function + " has no sources yet");
            assertThat(jar(function)).as("built by the function's module before this one (mvn verify)").isRegularFile();
            long ceiling = API.contains(function) ? API_JAR_CEILING_BYTES : ONBOARDING_JAR_CEILING_BYTES;
            assertThat(Files.size(jar(function))).as(jar(function) + " in bytes").isLessThanOrEqualTo(ceiling);
        }));
    }

    private static List<String> classesUnder(Path jar, List<String> prefixes) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(e -> e.getName())
                    .filter(name -> name.endsWith(".class"))
                    .map(name -> name.startsWith("META-INF/versions/") ? name.replaceFirst("^META-INF/versions/\\d+/", "") : name)
                    .filter(name -> prefixes.stream().anyMatch(name::startsWith))
                    .limit(5)
                    .toList();
        }
    }
}
