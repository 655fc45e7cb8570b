package dev.oktaprov.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external tool to completion; its output goes to files so a chatty tool never blocks on a full pipe. */
final class Processes {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private Processes() {
    }

    static ProcessResult run(List<String> command, Path workingDirectory) {
        return run(command, workingDirectory, Map.of());
    }

    /** With this process's environment plus {@code environment}. */
    static ProcessResult run(List<String> command, Path workingDirectory, Map<String, String> environment) {
        try {
            Path stdout = Files.createTempFile("template-check-", ".out");
            Path stderr = Files.createTempFile("template-check-", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command);
                builder.environment().putAll(environment);
                Process process = builder
                        .directory(workingDirectory.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile())
                        .start();
                if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command.get(0) + " did not finish within " + TIMEOUT);
                }
                return new ProcessResult(process.exitValue(),
                        Files.readString(stdout, StandardCharsets.UTF_8),
                        Files.readString(stderr, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
