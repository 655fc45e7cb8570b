package dev.oktaprov.local.cli;

import dev.oktaprov.local.LocalSet;
import dev.oktaprov.local.Terminal;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./run-local} in this JVM: the same command line, a terminal whose output the test reads, and
 * the stop that Ctrl-C's shutdown hook would ask for.
 */
final class InProcessRunner {

    /** The repository root: local/runner's grandparent (Maven runs tests in the module directory). */
    static final Path HOME = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("../..").toAbsolutePath().normalize();

    private final WatchedOutput out = new WatchedOutput();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Lifecycle lifecycle = new Lifecycle();
    private final CompletableFuture<LocalSet> started = new CompletableFuture<>();
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private final RunContext context;

    InProcessRunner(Map<String, String> env) {
        Terminal terminal = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        context = new RunContext(terminal, env, HOME, logFile -> { }, lifecycle, started::complete);
    }

    InProcessRunner() {
        this(Map.of());
    }

    /** Runs to the end on this thread. */
    int run(String... args) {
        return RunLocal.run(args, context);
    }

    /** Runs on a thread of its own: for {@code start}, which serves until stopped. */
    InProcessRunner runInBackground(String... args) {
        Thread thread = new Thread(() -> {
            try {
                status.complete(RunLocal.run(args, context));
            } catch (Throwable e) {
                status.completeExceptionally(e);
            }
        }, "run-local-under-test");
        thread.start();
        return this;
    }

    LocalSet awaitStarted() throws Exception {
        return started.get(60, TimeUnit.SECONDS);
    }

    boolean hasStarted() {
        return started.isDone();
    }

    /** Waits until the terminal shows {@code text}. */
    void awaitOutput(String text, Duration timeout) throws InterruptedException {
        if (!out.await(text, timeout)) {
            throw new AssertionError("the terminal never showed \"" + text + "\"; it shows:\n" + out() + "\nerrors:\n" + err());
        }
    }

    /** What Ctrl-C does; returns the exit status once everything has stopped. */
    int stop() throws Exception {
        lifecycle.requestStop();
        return status.get(60, TimeUnit.SECONDS);
    }

    String out() {
        return out.text();
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Output a test can wait on. */
    private static final class WatchedOutput extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Object changed = new Object();

        @Override
        public void write(int b) {
            synchronized (changed) {
                bytes.write(b);
                changed.notifyAll();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (changed) {
                bytes.write(b, off, len);
                changed.notifyAll();
            }
        }

        String text() {
            synchronized (changed) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        boolean await(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (changed) {
                while (!bytes.toString(StandardCharsets.UTF_8).contains(text)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(changed, left);
                }
                return true;
            }
        }
    }
}
