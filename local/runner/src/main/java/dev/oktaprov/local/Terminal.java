package dev.oktaprov.local;

import java.io.PrintStream;
import java.nio.charset.Charset;
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

    /** The process's standard output and error, with ASCII stand-ins where their character set lacks ours. */
    public static Terminal ofProcess() {
        Charset charset = standardOutputCharset();
        return new Terminal(AsciiFallbackPrintStream.over(System.out, charset),
                AsciiFallbackPrintStream.over(System.err, charset), System.console() != null);
    }

    /** What System.out encodes with: stdout.encoding (Java 18+), sun.stdout.encoding, else the default (Java 17). */
    static Charset standardOutputCharset() {
        String name = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException unknown) {
            return Charset.defaultCharset();
        }
    }
}
