package dev.oktaprov.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Where the templates under test live, and staging them next to stub jars. */
final class Templates {

    /** Files the repository's template refers to by relative path, besides the jars. */
    static final List<String> REPOSITORY_TEMPLATE_FILES = List.of("template.yaml", "statemachine/onboarding.asl.json");

    private static TranslatedTemplate repository;

    private Templates() {
    }

    /** The repository root: template-check's parent (Maven runs tests in the module directory). */
    static Path repositoryRoot() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        return module.getParent();
    }

    static Path repositoryTemplate() {
        return repositoryRoot().resolve("template.yaml");
    }

    /**
     * template.yaml as `sam build` (with the project's samconfig.toml) leaves it: every function
     * built by its make target from the jars the function modules built (fresh, or this fails
     * before starting Maven).
     */
    static synchronized TranslatedTemplate repository() {
        if (repository == null) {
            RepositoryMakefile.requireFreshJars(repositoryRoot());
            repository = SamBuild.buildAll(SamTranslator.translate(repositoryTemplate()), buildDirectory(),
                    SamBuild.Where.configuredBy(repositoryRoot().resolve("samconfig.toml")));
        }
        return repository;
    }

    /**
     * Where the repository's build goes, like .aws-sam/build: outside the repository (a scratch copy
     * of it must not hold an earlier build), one per checkout, emptied before each run.
     */
    private static Path buildDirectory() {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"),
                "okta-provisioning-sam-build-" + Integer.toHexString(repositoryRoot().toString().hashCode()));
        SamBuild.delete(directory);
        return directory;
    }

    /** template.yaml copied to a directory whose function jars are stubs with the promised classes. */
    static TranslatedTemplate repositoryWithStubJars(Path directory) {
        for (String file : REPOSITORY_TEMPLATE_FILES) {
            copy(repositoryRoot().resolve(file), directory.resolve(file));
        }
        return withStubJars(directory.resolve("template.yaml"));
    }

    /** A fixture from src/test/resources/broken, staged with the other fixtures and stub jars. */
    static TranslatedTemplate brokenFixture(String name, Path directory) {
        copyBrokenFixtures(directory);
        return withStubJars(directory.resolve(name));
    }

    static void copyBrokenFixtures(Path directory) {
        Path fixtures = resource("broken");
        try (Stream<Path> files = Files.list(fixtures)) {
            files.forEach(file -> copy(file, directory.resolve(file.getFileName().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Translates, then writes a stub jar at every function's CodeUri (except paths under
     * "missing/"), holding that function's handler when it is one StubJars knows. A function that
     * `sam build` builds with a Makefile gets the stub as its built code instead.
     */
    private static TranslatedTemplate withStubJars(Path template) {
        TranslatedTemplate translated = SamTranslator.translate(template);
        Map<String, Path> built = new LinkedHashMap<>();
        translated.resourcesOfType(LambdaTargets.FUNCTION).forEach((id, properties) -> {
            String handlerClass = properties.path("Handler").asText().split("::")[0];
            if (SamBuild.MAKEFILE.equals(translated.buildMethod(id))) {
                Path stub = translated.directory().resolve("stub-build").resolve(id + ".jar");
                StubJars.write(stub, handlerClass);
                built.put(id, stub);
            } else {
                translated.sourceCode(id)
                        .filter(jar -> !translated.directory().relativize(jar).startsWith("missing"))
                        .ifPresent(jar -> StubJars.write(jar, handlerClass));
            }
        });
        return translated.withBuiltCode(built);
    }

    static Path resource(String name) {
        try {
            return Path.of(Templates.class.getResource("/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name + " is missing", e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
