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

    /** Ceiling for the API functions' jars; bench/ reports the actual size (goal 8 MB, see README). */
    static final long API_JAR_CEILING_BYTES = 10_000_000;
    /** The onboarding function also carries the SQS client and Joda-Time (Lambda's SQS event serializer). */
    static final long ONBOARDING_JAR_CEILING_BYTES = 13_000_000;

    static final List<String> NEVER_IN_A_FUNCTION = List.of(
            "com/okta/sdk/", "com/okta/commons/", "org/apache/http/", "org/apache/hc/", "io/netty/");
    /** The API functions take a Map, so no Lambda event serializer needs Joda-Time there. */
    static final List<String> NEVER_IN_AN_API_FUNCTION = List.of("org/joda/");

    static final Path FUNCTIONS = Path.of("..", "functions");

    /** The functions that take a Map: the API functions and the state machine's activate-user. */
    static final List<String> API = List.of("create-user", "get-user", "list-users", "activate-user");

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
            List<String> forbidden = API.contains(function)
                    ? Stream.concat(NEVER_IN_A_FUNCTION.stream(), NEVER_IN_AN_API_FUNCTION.stream()).toList()
                    : NEVER_IN_A_FUNCTION;
            assertThat(classesUnder(jar(function), forbidden)).as(jar(function) + " must not contain " + forbidden).isEmpty();
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
