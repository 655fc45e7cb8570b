package dev.oktaprov.local.cli;

import dev.oktaprov.local.LocalSet;
import dev.oktaprov.local.Terminal;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a command runs with, given by {@code Main} (or a test).
 *
 * @param env the environment: the real Okta org, AWS settings, values passed on to the functions
 * @param home the repository root: the default sample, seed and log paths are under it
 * @param handlerOutput routes the handlers' output: Main points the process's standard output and
 *     error at the log file; tests leave them alone. Called with the log file's path before anything
 *     starts.
 * @param started told about the local set once it runs (tests use it to reach the running set)
 */
public record RunContext(Terminal terminal, Map<String, String> env, Path home, Consumer<Path> handlerOutput,
        Lifecycle lifecycle, Consumer<LocalSet> started) {

    public RunContext {
        Objects.requireNonNull(terminal, "terminal");
        env = Map.copyOf(env);
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(handlerOutput, "handlerOutput");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(started, "started");
    }
}
