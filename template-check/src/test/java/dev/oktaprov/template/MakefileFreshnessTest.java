package dev.oktaprov.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The Makefile's promise about Maven, on a project of the repository's shape whose Maven is a
 * script that logs each run and "builds" by copying in the next jars: Maven runs only when a
 * function jar is missing or older than a file it is built from (so a stale jar is never
 * delivered), once for all functions even when SAM runs the targets in parallel, and a failed
 * build delivers nothing. Files get their times set, so nothing waits for the clock.
 */
class MakefileFreshnessTest {

    private static final Path ROOT = Templates.repositoryRoot();
    private static final Instant NOW = Instant.now();
    private static final FileTime SOURCES_WRITTEN = FileTime.from(NOW.minus(Duration.ofHours(2)));
    private static final FileTime JARS_BUILT = FileTime.from(NOW.minus(Duration.ofHours(1)));

    private static List<String> modules;
    private static List<String> functions;
    private static List<String> logicalIds;

    @TempDir
    Path project;
    @TempDir
    Path elsewhere;

    @BeforeAll
    static void readTheRepository() {
        modules = RepositoryMakefile.watchedModules(ROOT);
        functions = modules.stream().filter(module -> module.startsWith("functions/"))
                .map(module -> module.substring("functions/".length())).toList();
        logicalIds = List.copyOf(SamTranslator.translate(Templates.repositoryTemplate())
                .resourcesOfType(LambdaTargets.FUNCTION).keySet());
    }

    @BeforeEach
    void projectWithFreshJars() throws IOException {
        Files.copy(ROOT.resolve("Makefile"), project.resolve("Makefile"));
        write(project.resolve("pom.xml"), "<project/>");
        for (String module : modules) {
            write(project.resolve(module).resolve("pom.xml"), "<project/>");
            write(project.resolve(module).resolve("src/main/java/dev/Example.java"), "class Example {}");
        }
        for (String function : functions) {
            jar(jarOf(function), "earlier build");
            jar(project.resolve("next-build").resolve(function + ".jar"), "this build");
        }
        Path maven = project.resolve("fake-mvn");
        write(maven, """
                #!/bin/sh
                echo "$*" >> "%1$s/maven-runs.log"
                if [ -n "$FAKE_MAVEN_FAILS" ]; then echo "[ERROR] BUILD FAILURE" >&2; exit 1; fi
                for function in %2$s; do cp "%1$s/next-build/$function.jar" "%1$s/functions/$function/target/$function.jar"; done
                """.formatted(project, String.join(" ", functions)));
        Files.setPosixFilePermissions(maven, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> paths = Files.walk(project)) {
            for (Path path : paths.toList()) {
                Files.setLastModifiedTime(path, path.toString().endsWith(".jar") ? JARS_BUILT : SOURCES_WRITTEN);
            }
        }
    }

    @Test
    void freshJarsAreDeliveredWithoutRunningMaven() {
        Path artifacts = elsewhere.resolve("create-user");

        ProcessResult make = build(logicalIds.get(0), artifacts, Map.of());

        assertThat(make.exitCode()).as(make.output()).isZero();
        assertThat(mavenRuns()).isEmpty();
        assertThat(builtBy(artifacts)).isEqualTo("earlier build");
    }

    @Test
    void aChangedSourceRebuildsEveryJarWithOneMavenRun() throws IOException {
        touch(project.resolve(modules.get(0)).resolve("src/main/java/dev/Example.java"));

        for (String id : logicalIds) {
            ProcessResult make = build(id, elsewhere.resolve(id), Map.of());
            assertThat(make.exitCode()).as(id + ":\n" + make.output()).isZero();
            assertThat(builtBy(elsewhere.resolve(id))).as(id).isEqualTo("this build");
        }
        assertThat(mavenRuns()).singleElement().asString()
                .contains("package", "-DskipTests", "-am", "-pl " + String.join(",", modules));
    }

    @Test
    void targetsRunInParallelStartMavenOnce() {
        touch(project.resolve("pom.xml"));
        ExecutorService pool = Executors.newFixedThreadPool(logicalIds.size());
        try {
            List<CompletableFuture<ProcessResult>> runs = logicalIds.stream()
                    .map(id -> CompletableFuture.supplyAsync(() -> build(id, elsewhere.resolve(id), Map.of()), pool))
                    .toList();

            runs.forEach(run -> assertThat(run.join().exitCode()).as(run.join().output()).isZero());
        } finally {
            pool.shutdown();
        }
        assertThat(mavenRuns()).hasSize(1);
        logicalIds.forEach(id -> assertThat(builtBy(elsewhere.resolve(id))).as(id).isEqualTo("this build"));
    }

    @Test
    void aDeletedSourceFileRebuilds() throws IOException {
        Files.delete(project.resolve(modules.get(modules.size() - 1)).resolve("src/main/java/dev/Example.java"));

        ProcessResult make = build(logicalIds.get(0), elsewhere.resolve("built"), Map.of());

        assertThat(make.exitCode()).as(make.output()).isZero();
        assertThat(mavenRuns()).hasSize(1);
        assertThat(builtBy(elsewhere.resolve("built"))).isEqualTo("this build");
    }

    @Test
    void aMissingJarRebuilds() throws IOException {
        Files.delete(jarOf(functions.get(1)));

        ProcessResult make = build(logicalIds.get(0), elsewhere.resolve("built"), Map.of());

        assertThat(make.exitCode()).as(make.output()).isZero();
        assertThat(mavenRuns()).hasSize(1);
    }

    @Test
    void aFailedMavenBuildFailsTheTargetAndDeliversNothing() throws IOException {
        touch(project.resolve(modules.get(0)).resolve("pom.xml"));
        Path artifacts = elsewhere.resolve("built");

        ProcessResult failed = build(logicalIds.get(0), artifacts, Map.of("FAKE_MAVEN_FAILS", "yes"));

        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.output()).contains("BUILD FAILURE");
        assertThat(Files.exists(artifacts) ? MakeTargetsTest.files(artifacts) : Map.of()).as("nothing delivered").isEmpty();
        ProcessResult retried = build(logicalIds.get(0), artifacts, Map.of());
        assertThat(retried.exitCode()).as("the lock was released: " + retried.output()).isZero();
        assertThat(builtBy(artifacts)).isEqualTo("this build");
    }

    @Test
    void theLockOfABuildThatDiedIsTakenOver() throws Exception {
        Process died = new ProcessBuilder("true").start();
        died.waitFor();
        write(project.resolve("target/sam-build.lock/pid"), Long.toString(died.pid()));

        ProcessResult make = build(logicalIds.get(0), elsewhere.resolve("built"), Map.of());

        assertThat(make.exitCode()).as(make.output()).isZero();
        assertThat(builtBy(elsewhere.resolve("built"))).isEqualTo("earlier build");
    }

    /** The real repository: what the function jars are built from is what the Makefile watches. */
    @Test
    void theMakefileWatchesEveryModuleTheFunctionJarsAreBuiltFrom() throws Exception {
        Map<String, String> moduleOfArtifact = new LinkedHashMap<>();
        for (String module : childrenNamed(pom(ROOT), "module")) {
            moduleOfArtifact.put(childrenNamed(pom(ROOT.resolve(module)), "artifactId").get(0), module);
        }
        Set<String> builtFrom = new LinkedHashSet<>();
        List<String> pending = new ArrayList<>();
        try (Stream<Path> candidates = Files.list(ROOT.resolve("functions"))) {
            candidates.filter(module -> Files.isRegularFile(module.resolve("target").resolve(module.getFileName() + ".jar")))
                    .forEach(module -> pending.add(ROOT.relativize(module).toString()));
        }
        while (!pending.isEmpty()) {
            String module = pending.remove(0);
            if (builtFrom.add(module)) {
                shippedReactorDependencies(ROOT.resolve(module)).stream().map(moduleOfArtifact::get).forEach(pending::add);
            }
        }

        assertThat(builtFrom).as("function modules and their reactor dependencies").contains("shared").hasSizeGreaterThan(4);
        assertThat(modules).containsExactlyInAnyOrderElementsOf(builtFrom);
    }

    private ProcessResult build(String logicalId, Path artifacts, Map<String, String> environment) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("ARTIFACTS_DIR", artifacts.toString());
        env.put("MVN", project.resolve("fake-mvn").toString());
        return Processes.run(List.of("make", "--makefile", project.resolve("Makefile").toString(), "build-" + logicalId),
                elsewhere, env);
    }

    private List<String> mavenRuns() {
        Path log = project.resolve("maven-runs.log");
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path jarOf(String function) {
        return project.resolve("functions").resolve(function).resolve("target").resolve(function + ".jar");
    }

    private static String builtBy(Path artifacts) {
        try {
            return Files.readString(artifacts.resolve("built-by"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(NOW));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static void jar(Path file, String builtBy) throws IOException {
        Files.createDirectories(file.getParent());
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(file))) {
            jar.putNextEntry(new JarEntry("built-by"));
            jar.write(builtBy.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }

    private static Element pom(Path module) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(module.resolve("pom.xml").toFile())
                .getDocumentElement();
    }

    /** The dev.oktaprov dependencies that end up in the module's jar: compile or runtime scope. */
    private static List<String> shippedReactorDependencies(Path module) throws Exception {
        List<String> shipped = new ArrayList<>();
        NodeList dependencies = pom(module).getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            List<String> scope = childrenNamed(dependency, "scope");
            if (childrenNamed(dependency, "groupId").equals(List.of("dev.oktaprov"))
                    && (scope.isEmpty() || scope.contains("compile") || scope.contains("runtime"))) {
                shipped.add(childrenNamed(dependency, "artifactId").get(0));
            }
        }
        return shipped;
    }

    /** The text of the element's own children with this name (not of deeper descendants). */
    private static List<String> childrenNamed(Element element, String name) {
        List<String> texts = new ArrayList<>();
        Element container = element;
        if (name.equals("module")) {
            NodeList lists = element.getElementsByTagName("modules");
            container = lists.getLength() == 0 ? element : (Element) lists.item(0);
        }
        for (Node child = container.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element found && found.getTagName().equals(name)) {
                texts.add(found.getTextContent().strip());
            }
        }
        return texts;
    }
}
