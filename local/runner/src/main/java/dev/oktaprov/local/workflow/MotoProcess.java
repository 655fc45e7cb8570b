package dev.oktaprov.local.workflow;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * moto_server with its Step Functions interpreter switched on, on 127.0.0.1: started with
 * {@code TZ=UTC} (a Wait compares the server's local time) and {@code MOTO_PORT} set to the port
 * where this runner answers Lambda invocations (moto's interpreter calls Lambda at
 * {@code localhost:$MOTO_PORT}), while moto itself listens on another port behind it.
 */
final class MotoProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final String CONFIG = "{\"stepfunctions\": {\"execute_state_machine\": true}, \"lambda\": {\"use_docker\": false}}";

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private MotoProcess(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** {@code moto_server} on PATH, else in {@code ~/.pyenv/shims} (pip's usual home here; no ~/.bashrc needed). */
    static Optional<Path> find(Map<String, String> env) {
        String path = env.get("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, "moto_server");
                if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        Path shim = Path.of(System.getProperty("user.home"), ".pyenv", "shims", "moto_server");
        return Files.isExecutable(shim) ? Optional.of(shim) : Optional.empty();
    }

    /**
     * Starts it on {@code port} and switches the interpreter on.
     *
     * @param lambdaPort where the interpreter sends Lambda invocations
     */
    static MotoProcess start(Path executable, int port, int lambdaPort) {
        try {
            Path log = Files.createTempFile("okta-provisioning-moto-", ".log");
            ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("TZ", "UTC");
            builder.environment().put("MOTO_PORT", Integer.toString(lambdaPort));
            builder.environment().putIfAbsent("PYENV_ROOT", System.getProperty("user.home") + "/.pyenv");
            MotoProcess moto = new MotoProcess(builder.start(), URI.create("http://127.0.0.1:" + port), log);
            try {
                moto.awaitReady();
                moto.post("/moto-api/config", CONFIG);
            } catch (RuntimeException e) {
                moto.close();
                throw e;
            }
            return moto;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start moto_server", e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    /** Forgets every state machine and execution (running ones go on in moto's threads, unseen). */
    void reset() {
        post("/moto-api/reset", "");
    }

    private void post(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("moto_server answered " + response.statusCode() + " to " + path + "; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("moto_server did not answer " + path + "; see " + log, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Polls until it answers: a process start, not a retry path. */
    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpRequest probe = HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).timeout(Duration.ofSeconds(2)).build();
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("moto_server did not answer within " + STARTUP.toSeconds() + " s; see " + log);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops it and whatever it started. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
