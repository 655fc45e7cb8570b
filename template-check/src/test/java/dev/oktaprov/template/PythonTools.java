package dev.oktaprov.template;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds cfn-lint and a Python that can import samtranslator. They live in the pyenv Python, whose
 * shims only ~/.bashrc puts on PATH, so PATH is searched first and ~/.pyenv second.
 */
final class PythonTools {

    private static final Path PYENV = Path.of(System.getProperty("user.home"), ".pyenv");
    private static Path samTranslatorPython;

    private PythonTools() {
    }

    static Path cfnLint() {
        return executable("cfn-lint").orElseThrow(() -> new IllegalStateException(
                "cfn-lint not found on PATH or in " + PYENV.resolve("shims") + " (pip install cfn-lint)"));
    }

    /** A python interpreter that can import samtranslator (aws-sam-translator). */
    static synchronized Path samTranslatorPython() {
        if (samTranslatorPython == null) {
            samTranslatorPython = pythonCandidates().stream()
                    .filter(PythonTools::importsSamTranslator)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "no python that can `import samtranslator` (pip install aws-sam-translator); tried "
                                    + pythonCandidates()));
        }
        return samTranslatorPython;
    }

    private static List<Path> pythonCandidates() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("SAM_TRANSLATOR_PYTHON")).map(Path::of).ifPresent(candidates::add);
        executable("python3").ifPresent(candidates::add);
        Path versions = PYENV.resolve("versions");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> installed = Files.list(versions)) {
                installed.sorted(Comparator.reverseOrder())
                        .map(version -> version.resolve("bin").resolve("python3"))
                        .filter(Files::isExecutable)
                        .forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return candidates;
    }

    private static boolean importsSamTranslator(Path python) {
        return Processes.run(List.of(python.toString(), "-c", "import samtranslator"), Path.of(".")).succeeded();
    }

    private static Optional<Path> executable(String name) {
        List<Path> directories = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                directories.add(Path.of(entry));
            }
        }
        directories.add(PYENV.resolve("shims"));
        return directories.stream()
                .map(directory -> directory.resolve(name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
