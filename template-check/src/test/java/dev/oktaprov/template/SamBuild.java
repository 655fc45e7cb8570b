package dev.oktaprov.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * `sam build` for the functions whose {@code Metadata: BuildMethod} is makefile, done the way SAM
 * does it (aws-lambda-builders' CustomMakeWorkflow): {@code make --makefile <CodeUri>/Makefile
 * build-<LogicalId>} with SAM's environment plus {@code ARTIFACTS_DIR}, run in a scratch copy of
 * CodeUri (without .git and .aws-sam), or in CodeUri itself with --build-in-source. What lands in
 * the artifacts directory is what `sam deploy` zips and uploads.
 */
final class SamBuild {

    /** Where SAM runs make. */
    enum Where {
        /** SAM's default: a scratch copy of CodeUri. */
        SCRATCH_COPY,
        /** {@code sam build --build-in-source}, or {@code build_in_source = true} in samconfig.toml: CodeUri itself. */
        IN_SOURCE;

        /** What `sam build` does given a project's samconfig.toml (its default environment's build parameters). */
        static Where configuredBy(Path samconfig) {
            if (!Files.isRegularFile(samconfig)) {
                return SCRATCH_COPY;
            }
            String section = "";
            try {
                for (String line : Files.readAllLines(samconfig)) {
                    String setting = line.replaceFirst("#.*", "").strip();
                    if (setting.startsWith("[")) {
                        section = setting;
                    } else if (section.equals("[default.build.parameters]") && setting.matches("build_in_source\\s*=\\s*true")) {
                        return IN_SOURCE;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return SCRATCH_COPY;
        }
    }

    static final String MAKEFILE = "makefile";
    /** CopySourceAction's excludes for the make workflow, matched by name at every depth. */
    private static final Set<String> NOT_COPIED = Set.of(".aws-sam", ".git");

    record Result(String logicalId, Path artifacts, ProcessResult make) {
    }

    private SamBuild() {
    }

    /** Builds every makefile function into {@code artifactsRoot/<LogicalId>}; the template as `sam build` leaves it. */
    static TranslatedTemplate buildAll(TranslatedTemplate template, Path artifactsRoot, Where where) {
        Map<String, Path> built = new LinkedHashMap<>();
        for (String id : template.resourcesOfType(LambdaTargets.FUNCTION).keySet()) {
            if (!MAKEFILE.equals(template.buildMethod(id))) {
                continue;
            }
            Result result = buildFunction(template, id, artifactsRoot, where, Map.of());
            if (!result.make().succeeded()) {
                throw new IllegalStateException("make build-" + id + " failed:\n" + result.make().output());
            }
            built.put(id, result.artifacts());
        }
        return template.withBuiltCode(built);
    }

    /** One function, with {@code environment} added to this process's (as SAM passes its own on). */
    static Result buildFunction(TranslatedTemplate template, String logicalId, Path artifactsRoot, Where where,
            Map<String, String> environment) {
        Path codeUri = template.sourceCode(logicalId).filter(Files::isDirectory).orElseThrow(() ->
                new IllegalArgumentException(logicalId + ": a makefile build needs a local directory as CodeUri"));
        Path artifacts = artifactsRoot.resolve(logicalId);
        try {
            Files.createDirectories(artifacts);
            Path workingDirectory = where == Where.IN_SOURCE ? codeUri : scratchCopyOf(codeUri);
            try {
                Map<String, String> env = new LinkedHashMap<>(environment);
                env.put("ARTIFACTS_DIR", artifacts.toString());
                ProcessResult make = Processes.run(List.of("make", "--makefile", codeUri.resolve("Makefile").toString(),
                        "build-" + logicalId), workingDirectory, env);
                return new Result(logicalId, artifacts, make);
            } finally {
                if (where == Where.SCRATCH_COPY) {
                    delete(workingDirectory);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path scratchCopyOf(Path source) throws IOException {
        Path scratch = Files.createTempDirectory("sam-build-scratch-");
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                if (!directory.equals(source) && NOT_COPIED.contains(directory.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(scratch.resolve(source.relativize(directory).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (!NOT_COPIED.contains(file.getFileName().toString())) {
                    try {
                        Files.copy(file, scratch.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    } catch (NoSuchFileException gone) {
                        // A build or test report file that went away while the tree was copied.
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return scratch;
    }

    static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
