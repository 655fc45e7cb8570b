package dev.oktaprov.local;

import dev.oktaprov.local.cli.HandlerOutput;
import dev.oktaprov.local.cli.Lifecycle;
import dev.oktaprov.local.cli.RunContext;
import dev.oktaprov.local.cli.RunLocal;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code ./run-local}'s entry point. The script passes the repository root as
 * {@code -Doktaprov.local.home}; the default sample, seed and log file are found under it.
 */
public final class Main {

    /** Ctrl-C waits this long for the running parts to stop before the JVM ends anyway. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private Main() {}

    public static void main(String[] args) {
        Terminal terminal = Terminal.ofProcess();
        Path home = Path.of(System.getProperty("oktaprov.local.home", ".")).toAbsolutePath().normalize();
        Lifecycle lifecycle = new Lifecycle();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            lifecycle.requestStop();
            try {
                lifecycle.awaitFinished(STOP_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "run-local-stop"));
        RunContext context = new RunContext(terminal, System.getenv(), home, HandlerOutput::redirectTo, lifecycle,
                set -> { });
        int status = RunLocal.run(args, context);
        System.exit(status);
    }
}
