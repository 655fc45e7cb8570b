package dev.oktaprov.local.sqs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** moto_server on 127.0.0.1 and a free port, for as long as a test class needs it. */
final class MotoServer implements AutoCloseable {

    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** moto_server from PATH, else from ~/.pyenv/shims (tests must not depend on ~/.bashrc). */
    static Optional<Path> executable() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "moto_server"));
        Stream<Path> inPyenv = Stream.of(Path.of(System.getProperty("user.home"), ".pyenv", "shims", "moto_server"));
        return Stream.concat(onPath, inPyenv).filter(Files::isExecutable).findFirst();
    }

    /** Starts moto and returns once it listens; its startup banner is the readiness signal. */
    static MotoServer start(Path executable) {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true);
        try {
            Process process = builder.start();
            BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String banner = "Running on http://127.0.0.1:" + port;
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                if (line.contains(banner)) {
                    drainInBackground(output);
                    return new MotoServer(process, URI.create("http://127.0.0.1:" + port));
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("moto_server exited before listening on port " + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    // moto logs every request; an unread pipe would eventually block it.
    private static void drainInBackground(BufferedReader output) {
        Thread drainer = new Thread(() -> {
            try {
                while (output.readLine() != null) {
                    // discard
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "moto-output");
        drainer.setDaemon(true);
        drainer.start();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
