package dev.oktaprov.testsupport;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real AWS API for tests: {@code moto_server} on a loopback port the operating system picks, or
 * whatever {@code AWS_ENDPOINT_URL} names (LocalStack, a moto started by CI). {@link #close()} stops a
 * server this class started, with its whole process tree.
 *
 * <p>moto is started with {@code -p 0} and its port is read from its own startup line
 * ({@code Running on http://127.0.0.1:PORT}), which it prints once it is listening: no port is chosen
 * before the process binds it, so two builds starting moto at once can never meet on one port, and an
 * answer on the port is always this process's.
 *
 * <p>{@code moto_server} is looked up on {@code PATH}, then at {@code ~/.pyenv/shims/moto_server}:
 * CI does not read {@code ~/.bashrc}.
 */
public final class MotoServer implements AutoCloseable {

    /** Credentials moto accepts; they never leave this machine. */
    public static final String ACCESS_KEY = "testing";
    public static final String SECRET_KEY = "testing";
    public static final String REGION = "us-east-1";

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("Running on http://127\\.0\\.0\\.1:(\\d+)");

    private final URI endpoint;
    private final Process process;

    private MotoServer(URI endpoint, Process process) {
        this.endpoint = endpoint;
        this.process = process;
    }

    /**
     * True when {@link #start()} has something to use: {@code AWS_ENDPOINT_URL} or a
     * {@code moto_server} executable. Tests that may be skipped without moto ask this, and fail
     * (not skip) when a moto that is there does not start.
     */
    public static boolean available() {
        return external().isPresent() || findExecutable().isPresent();
    }

    /** Uses {@code AWS_ENDPOINT_URL} when set, else starts {@code moto_server} and waits until it listens. */
    public static MotoServer start() {
        Optional<URI> external = external();
        if (external.isPresent()) {
            return new MotoServer(external.get(), null);
        }
        return startOwn(Map.of());
    }

    /**
     * A {@code moto_server} of its own that checks what AWS checks: after the first
     * {@code unauthenticatedActions} requests (to create IAM users, keys, policies and the test's
     * resources with {@link #ACCESS_KEY}), every request must be SigV4-signed with a key moto's IAM
     * issued, and allowed by that user's policies (moto's {@code INITIAL_NO_AUTH_ACTION_COUNT}).
     */
    public static MotoServer startCheckingSignatures(int unauthenticatedActions) {
        return startOwn(Map.of("INITIAL_NO_AUTH_ACTION_COUNT", Integer.toString(unauthenticatedActions)));
    }

    private static MotoServer startOwn(Map<String, String> settings) {
        Path executable = findExecutable().orElseThrow(() -> new IllegalStateException(
                "moto_server not found on PATH or in ~/.pyenv/shims; install it (pip install 'moto[server]')"
                        + " or set AWS_ENDPOINT_URL"));
        Path log;
        Process process;
        try {
            log = Files.createTempFile("moto_server-", ".log");
            ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", "0")
                    .redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.putIfAbsent("PYENV_ROOT", System.getProperty("user.home") + "/.pyenv");
            env.putAll(settings);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start moto_server", e);
        }
        CompletableFuture<Integer> port = copyOutput(process, log);
        MotoServer server = new MotoServer(null, process);
        try {
            return new MotoServer(URI.create("http://127.0.0.1:" + port.get(STARTUP.toSeconds(), TimeUnit.SECONDS)), process);
        } catch (TimeoutException e) {
            server.close();
            throw new IllegalStateException("moto_server did not listen within " + STARTUP.toSeconds() + " s; see " + log);
        } catch (ExecutionException e) {
            server.close();
            throw new IllegalStateException("moto_server " + e.getCause().getMessage() + "; see " + log);
        } catch (InterruptedException e) {
            server.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while moto_server started", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Environment entries pointing an AWS SDK client at this server. */
    public Map<String, String> environment() {
        return Map.of(
                "AWS_ENDPOINT_URL", endpoint.toString(),
                "AWS_REGION", REGION,
                "AWS_ACCESS_KEY_ID", ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
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

    /** The port of moto's (werkzeug's) startup line, if {@code line} is that line. */
    static OptionalInt listeningPort(String line) {
        Matcher matcher = LISTENING.matcher(line);
        return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
    }

    static Optional<Path> findExecutable() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, "moto_server");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        Path shim = Path.of(System.getProperty("user.home"), ".pyenv", "shims", "moto_server");
        return Files.isExecutable(shim) ? Optional.of(shim) : Optional.empty();
    }

    private static Optional<URI> external() {
        String external = System.getenv("AWS_ENDPOINT_URL");
        return external == null || external.isBlank() ? Optional.empty() : Optional.of(URI.create(external.strip()));
    }

    /**
     * Copies moto's output to {@code log} for as long as it runs (a full pipe would stall it) on a
     * daemon thread that ends with the process; completes with the port moto says it listens on, or
     * exceptionally when moto ends without saying so.
     */
    private static CompletableFuture<Integer> copyOutput(Process process, Path log) {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread copier = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 Writer file = Files.newBufferedWriter(log)) {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    file.write(line);
                    file.write('\n');
                    file.flush();
                    OptionalInt listening = listeningPort(line);
                    if (listening.isPresent() && listening.getAsInt() > 0) {
                        port.complete(listening.getAsInt());
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("ended without listening (exit status "
                    + exitStatus(process) + ")"));
        }, "moto_server-output-" + process.pid());
        copier.setDaemon(true);
        copier.start();
        return port;
    }

    private static String exitStatus(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
