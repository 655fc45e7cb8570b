package dev.oktaprov.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each function's make target run the way `sam build` runs it with this project's samconfig.toml
 * ({@link SamBuild}), and what lands in ARTIFACTS_DIR: the function's shaded jar (the one
 * FunctionJarContentsTest and ApiFunctionJarsRunTest test), entry for entry and byte for byte, its
 * handler where Lambda's Java runtime looks for it, and no second Maven build (the jars `mvn verify`
 * just built are fresh).
 */
class MakeTargetsTest {

    @TempDir
    Path artifacts;

    private static final Path ROOT = Templates.repositoryRoot();
    private static TranslatedTemplate unbuilt;

    @BeforeAll
    static void translate() {
        RepositoryMakefile.requireFreshJars(ROOT);
        unbuilt = SamTranslator.translate(Templates.repositoryTemplate());
    }

    @Test
    void theProjectsSamConfigBuildsInSourceSoTheRepositoryIsNotCopiedPerFunction() {
        assertThat(SamBuild.Where.configuredBy(ROOT.resolve("samconfig.toml"))).isEqualTo(SamBuild.Where.IN_SOURCE);
    }

    @Test
    void everyFunctionIsBuiltBySamWithTheRootMakefileAndNoneIsSkipped() {
        assertThat(unbuilt.resourcesOfType(LambdaTargets.FUNCTION)).hasSize(4).allSatisfy((id, function) -> {
            assertThat(unbuilt.buildMethod(id)).as(id).isEqualTo(SamBuild.MAKEFILE);
            assertThat(unbuilt.resources().path(id).path("Metadata").has("SkipBuild")).as(id).isFalse();
            assertThat(unbuilt.sourceCode(id)).as(id + " CodeUri: where SAM looks for the Makefile").contains(ROOT);
        });
        assertThat(ROOT.resolve("Makefile")).isRegularFile();
    }

    /** Templates.repository() ran every target as `sam build` does with samconfig.toml (in source). */
    @TestFactory
    Stream<DynamicTest> eachTargetUnpacksItsFunctionsJarAsSamCallsIt() {
        TranslatedTemplate built = Templates.repository();
        return unbuilt.resourcesOfType(LambdaTargets.FUNCTION).keySet().stream().map(id -> DynamicTest.dynamicTest(id, () -> {
            String handler = handlerClass(id);
            Path artifacts = built.functionCode(id).orElseThrow();

            assertThat(files(artifacts)).as("what lands in ARTIFACTS_DIR").isEqualTo(entries(jarHolding(handler)));
            assertHandlerWhereLambdaLooks(artifacts, handler);
        }));
    }

    @Test
    void withoutBuildInSourceTheScratchCopyBuildsTheSameWithoutASecondMavenBuild() throws IOException {
        String id = "OnboardingFunction";
        Path jar = jarHolding(handlerClass(id));
        FileTime builtAt = Files.getLastModifiedTime(jar);

        SamBuild.Result result = SamBuild.buildFunction(unbuilt, id, artifacts, SamBuild.Where.SCRATCH_COPY, Map.of());

        assertThat(result.make().exitCode()).as("make build-%s said:%n%s", id, result.make().output()).isZero();
        assertThat(Files.getLastModifiedTime(jar)).as("Maven did not run again").isEqualTo(builtAt);
        assertThat(files(result.artifacts())).isEqualTo(entries(jar));
        assertHandlerWhereLambdaLooks(result.artifacts(), handlerClass(id));
    }

    @Test
    void withoutArtifactsDirATargetSaysSoAndBuildsNothing() throws IOException {
        Path jar = jarHolding(handlerClass("CreateUserFunction"));
        FileTime builtAt = Files.getLastModifiedTime(jar);

        ProcessResult make = Processes.run(List.of("make", "--makefile", ROOT.resolve("Makefile").toString(),
                "build-CreateUserFunction"), artifacts, Map.of("ARTIFACTS_DIR", ""));

        assertThat(make.exitCode()).isNotZero();
        assertThat(make.output()).contains("ARTIFACTS_DIR is not set");
        assertThat(Files.getLastModifiedTime(jar)).isEqualTo(builtAt);
    }

    private static String handlerClass(String id) {
        return unbuilt.propertiesOf(id).path("Handler").asText().split("::")[0];
    }

    /** The one function jar Maven built that holds {@code handler}. */
    private static Path jarHolding(String handler) throws IOException {
        String entry = handler.replace('.', '/') + ".class";
        try (Stream<Path> modules = Files.list(ROOT.resolve("functions"))) {
            List<Path> holding = modules.map(module -> module.resolve("target").resolve(module.getFileName() + ".jar"))
                    .filter(Files::isRegularFile)
                    .filter(jar -> entries(jar).containsKey(entry))
                    .toList();
            assertThat(holding).as("function jars holding " + entry).hasSize(1);
            return holding.get(0);
        }
    }

    private static void assertHandlerWhereLambdaLooks(Path taskRoot, String handler) {
        try (JarClasses classes = JarClasses.open(List.of(taskRoot))) {
            JarClasses.Lookup lookup = classes.find(handler);
            assertThat(lookup.type()).as(handler + " " + lookup.failure()).isPresent();
            assertThat(classes.isLambdaHandler(lookup.type().get())).as(handler + " is a Lambda handler").isTrue();
        }
    }

    /** Entry name to the SHA-256 of its bytes, files only. */
    static Map<String, String> entries(Path jar) {
        Map<String, String> entries = new TreeMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                if (!entry.isDirectory()) {
                    try (InputStream in = file.getInputStream(entry)) {
                        entries.put(entry.getName(), sha256(in.readAllBytes()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** Relative path to the SHA-256 of every file under {@code directory}. */
    static Map<String, String> files(Path directory) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                files.put(directory.relativize(file).toString().replace('\\', '/'), sha256(Files.readAllBytes(file)));
            }
        }
        return files;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
