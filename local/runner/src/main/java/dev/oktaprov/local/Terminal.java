package dev.oktaprov.local;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Where the runner talks to its user. In the CLI these are the process's original standard output
 * and error, kept before the handlers' logs are sent to the log file.
 *
 * @param interactive true when {@code out} is a terminal: a live progress bar instead of plain lines
 */
public record Terminal(PrintStream out, PrintStream err, boolean interactive) {

    public Terminal {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }
}
