package dev.oktaprov.bench.ric;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/** One runtime process from start until its answers are in (or it failed), then ended as Lambda ends one. */
final class RuntimeProcess {

    /** Why a run gave no measurement: the runtime's error, its exit, or silence. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    private RuntimeProcess() {}

    /**
     * Starts {@code builder} (its output redirected to a file), waits until {@code timeline} is done,
     * and kills the process; returns {@link System#nanoTime()} just before the start.
     */
    static long run(ProcessBuilder builder, RuntimeApiTimeline timeline, long timeoutSeconds)
            throws IOException, InterruptedException, Failure {
        return run(builder, timeline, timeoutSeconds, false);
    }

    /** As {@link #run(ProcessBuilder, RuntimeApiTimeline, long)}; {@code graceful}: SIGTERM first, so agents write their output. */
    static long run(ProcessBuilder builder, RuntimeApiTimeline timeline, long timeoutSeconds, boolean graceful)
            throws IOException, InterruptedException, Failure {
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            timeline.process(new ProcFacts(process.pid()));
            long deadline = started + timeoutSeconds * 1_000_000_000L;
            while (!timeline.awaitDone(1)) {
                if (!process.isAlive()) {
                    throw new Failure("the runtime exited with " + process.exitValue() + " after " + timeline.answers()
                            + " answers" + firstException(builder.redirectOutput().file()));
                }
                if (System.nanoTime() > deadline) {
                    throw new Failure("no answer within " + timeoutSeconds + " s");
                }
            }
            if (timeline.failure() != null) {
                throw new Failure(timeline.failure());
            }
            return started;
        } finally {
            if (graceful) {
                process.destroy();
                process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            // Lambda ends an environment with SIGKILL; nothing the function does at exit is measured.
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** The runtime's first "Exception in thread" line and its cause, for the report. */
    private static String firstException(File output) {
        if (output == null) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(output.toPath());
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("Exception in thread")) {
                    String cause = lines.stream().skip(i).filter(l -> l.startsWith("Caused by:")).findFirst().orElse("");
                    return ": " + lines.get(i) + (cause.isEmpty() ? "" : "; " + cause);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the log only adds to the message
        }
        return "";
    }
}
