package dev.oktaprov.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * What the function jars must never carry and how large they may grow: the deterministic side of
 * bench/ (bench/README.md). Size and class count are what Lambda downloads and what a cold
 * start scans; Okta's SDK, Apache HTTP clients and Netty are what this project exists to avoid.
 */
class FunctionJarContentsTest {

    /** Ceiling for every function jar, the onboarding function's included: 8 MiB (bench/ reports the actual sizes). */
    static final long JAR_CEILING_BYTES = 8L * 1024 * 1024;

    /**
     * Okta's SDK, other HTTP stacks, and what only the Lambda runtime's POJO serializer needed: the
     * functions are stream handlers that read their events with the project's Jackson, so neither
     * {@code aws-lambda-java-events}, its Joda-Time, nor the runtime's serialization library has a
     * place in a jar. Nor has what runs on a laptop only: the local parts (the simulator, ElasticMQ's
     * glue, the moto_server launcher) and test-support.
     */
    static final List<String> NEVER_IN_A_FUNCTION = List.of(
            "com/okta/sdk/", "com/okta/commons/", "org/apache/http/", "org/apache/hc/", "io/netty/",
            "org/joda/", "com/amazonaws/services/lambda/runtime/events/", "com/amazonaws/services/lambda/runtime/serialization/",
            "dev/oktaprov/local/", "dev/oktaprov/simulator/", "dev/oktaprov/testsupport/");
    /**
     * Every AWS call of the functions (Secrets Manager, SQS) is the project's own signed AWS JSON call
     * ({@code dev.oktaprov.runtime.aws}): no part of the AWS SDK, classes or resources.
     */
    static final String AWS_SDK = "software/amazon/awssdk/";
    /**
     * What Powertools brings under that path, none of it an SDK client or core: {@code utils-lite}'s
     * thread-local (where the Lambda runtime also puts the trace id in multi-concurrency mode) with
     * its annotations, 2 KB, and Powertools' registration of its SDK interceptor, read only by an SDK.
     */
    static final List<String> POWERTOOLS_UNDER_AWS_SDK = List.of("software/amazon/awssdk/utilslite/",
            "software/amazon/awssdk/annotations/", "software/amazon/awssdk/global/handlers/execution.interceptors");

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
            assertThat(classesUnder(jar(function), NEVER_IN_A_FUNCTION))
                    .as(jar(function) + " must not contain " + NEVER_IN_A_FUNCTION).isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> functionJarsStayUnderTheirSizeCeiling() {
        return Stream.concat(API.stream(), Stream.of("onboarding-queue")).map(function -> DynamicTest.dynamicTest(function, () -> {
            assumeTrue(hasSources(function), function + " has no sources yet");
            assertThat(jar(function)).as("built by the function's module before this one (mvn verify)").isRegularFile();
            assertThat(Files.size(jar(function))).as(jar(function) + " in bytes").isLessThanOrEqualTo(JAR_CEILING_BYTES);
        }));
    }

    @TestFactory
    Stream<DynamicTest> noFunctionJarCarriesTheAwsSdk() {
        return Stream.concat(API.stream(), Stream.of("onboarding-queue")).map(function -> DynamicTest.dynamicTest(function, () -> {
            assumeTrue(hasSources(function), function + " has no sources yet");
            assertThat(jar(function)).as("built by the function's module before this one (mvn verify)").isRegularFile();
            try (JarFile file = new JarFile(jar(function).toFile())) {
                assertThat(file.stream().map(e -> e.getName())
                        .map(name -> name.replaceFirst("^META-INF/versions/\\d+/", ""))
                        .filter(name -> name.startsWith(AWS_SDK) && !name.endsWith("/"))
                        .filter(name -> POWERTOOLS_UNDER_AWS_SDK.stream().noneMatch(name::startsWith)).limit(5))
                        .as(jar(function) + " must not contain " + AWS_SDK).isEmpty();
            }
        }));
    }

    /**
     * Amazon Inspector and other scanners name a jar's libraries by their {@code pom.properties}: a
     * shaded jar without them reports no vulnerable library at all. Jackson (it parses every event)
     * and Log4j (it writes every log line) are the ones with advisories to follow.
     */
    @TestFactory
    Stream<DynamicTest> everyFunctionJarNamesTheJacksonAndLog4jItCarriesForScanners() throws IOException {
        String parentPom = Files.readString(Path.of("..", "pom.xml"));
        Map<String, String> pinned = Map.of(
                "com.fasterxml.jackson.core/jackson-core", property(parentPom, "jackson.version"),
                "com.fasterxml.jackson.core/jackson-databind", property(parentPom, "jackson.version"),
                "org.apache.logging.log4j/log4j-core", property(parentPom, "log4j.version"),
                "org.apache.logging.log4j/log4j-api", property(parentPom, "log4j.version"));
        return Stream.concat(API.stream(), Stream.of("onboarding-queue")).map(function -> DynamicTest.dynamicTest(function, () -> {
            assumeTrue(hasSources(function), function + " has no sources yet");
            assertThat(jar(function)).as("built by the function's module before this one (mvn verify)").isRegularFile();
            try (JarFile file = new JarFile(jar(function).toFile())) {
                Map<String, String> named = new TreeMap<>();
                for (String library : pinned.keySet()) {
                    JarEntry entry = file.getJarEntry("META-INF/maven/" + library + "/pom.properties");
                    if (entry != null) {
                        Properties properties = new Properties();
                        try (InputStream in = file.getInputStream(entry)) {
                            properties.load(in);
                        }
                        named.put(library, properties.getProperty("version"));
                    }
                }
                assertThat(named).as(jar(function) + ": the versions a scanner reads").isEqualTo(new TreeMap<>(pinned));
            }
        }));
    }

    private static String property(String pom, String name) {
        Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(matcher.find()).as(name + " in the parent pom").isTrue();
        return matcher.group(1);
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
