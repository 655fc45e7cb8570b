package dev.oktaprov.local.moto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** moto's output: copied to its log for as long as it runs, and read for the port it says it listens on. */
final class StartupOutput {

    private static final Pattern LISTENING = Pattern.compile("Running on http://127\\.0\\.0\\.1:(\\d+)");

    private StartupOutput() {
    }

    /** The port of moto's (werkzeug's) startup line, if {@code line} is that line. */
    static OptionalInt listeningPort(String line) {
        Matcher matcher = LISTENING.matcher(line);
        return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
    }

    /**
     * Copies the output to {@code log} (a full pipe would stall moto) on a daemon thread that ends with
     * the process; completes with the port moto says it listens on, or exceptionally when moto ends
     * without saying so.
     */
    static CompletableFuture<Integer> copy(Process process, Path log) {
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
