package dev.oktaprov.template;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The repository's root Makefile, which `sam build` runs (template.yaml: BuildMethod makefile):
 * one build-<LogicalId> target per function, and the jars they deliver rebuilt by Maven only when
 * older than their sources.
 */
final class RepositoryMakefile {

    private RepositoryMakefile() {
    }

    /** make's own answer ({@code make --question jars}): is every function jar newer than all it is built from? */
    static boolean jarsAreFresh(Path root) {
        return make(root, "--question", "jars").succeeded();
    }

    /**
     * Stops a test before it runs a build target that would start Maven again inside `mvn verify`:
     * there the function modules have just built the jars, so they must be fresh.
     */
    static void requireFreshJars(Path root) {
        if (!jarsAreFresh(root)) {
            throw new IllegalStateException("The function jars are older than their sources, so `make build-<Function>`"
                    + " would run Maven inside this test. Build them first: mvn -B verify (or -pl template-check -am).");
        }
    }

    /** The reactor modules whose changes make the jars stale ({@code make print-modules}). */
    static List<String> watchedModules(Path root) {
        ProcessResult printed = make(root, "--silent", "print-modules");
        if (!printed.succeeded()) {
            throw new IllegalStateException("make print-modules failed:\n" + printed.output());
        }
        return Arrays.asList(printed.stdout().strip().split("\\s+"));
    }

    private static ProcessResult make(Path root, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("make", "--no-print-directory", "-C", root.toString(),
                "--makefile", root.resolve("Makefile").toString()));
        command.addAll(List.of(arguments));
        return Processes.run(command, root);
    }
}
