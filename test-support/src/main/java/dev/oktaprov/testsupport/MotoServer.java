package dev.oktaprov.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real AWS API for tests: {@code moto_server} on a free loopback port, or whatever
 * {@code AWS_ENDPOINT_URL} names (LocalStack, a moto started by CI). {@link #close()} stops a server
 * this class started, with its whole process tree.
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

    private final URI endpoint;
    private final Process process;
    private final Path log;

    private MotoServer(URI endpoint, Process process, Path log) {
        this.endpoint = endpoint;
        this.process = process;
        this.log = log;
    }

    /** Uses {@code AWS_ENDPOINT_URL} when set, else starts {@code moto_server} and waits until it answers. */
    public static MotoServer start() {
        String external = System.getenv("AWS_ENDPOINT_URL");
        if (external != null && !external.isBlank()) {
            return new MotoServer(URI.create(external.strip()), null, null);
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
        int port = freePort();
        try {
            Path log = Files.createTempFile("moto_server-", ".log");
            ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.putIfAbsent("PYENV_ROOT", System.getProperty("user.home") + "/.pyenv");
            env.putAll(settings);
            Process process = builder.start();
            MotoServer server = new MotoServer(URI.create("http://127.0.0.1:" + port), process, log);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start moto_server", e);
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

    /** Polls until the server answers HTTP; a process start, not a retry path. */
    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(2000);
                int status = connection.getResponseCode();
                connection.disconnect();
                if (status > 0) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("moto_server did not answer within " + STARTUP.toSeconds() + " s; see " + log);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
