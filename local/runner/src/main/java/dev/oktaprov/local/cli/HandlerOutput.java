package dev.oktaprov.local.cli;

import dev.oktaprov.local.FileProblem;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Where the functions' output goes. In Lambda a function's standard output is its log stream:
 * Powertools' JSON lines, the EMF metric lines and {@code context.getLogger()} all go there. The
 * runner does the same with the process's standard output and error, once pointed at the log file,
 * and keeps the terminal for itself.
 */
public final class HandlerOutput {

    private HandlerOutput() {}

    /** Lines for the function's log stream: standard output, wherever it points when the line is written. */
    public static Consumer<String> sink() {
        return line -> System.out.println(line.stripTrailing());
    }

    /**
     * Appends the process's standard output and error to {@code logFile} from now on. Call before
     * any logging starts: Log4j's console appender keeps the stream it finds when it starts.
     */
    public static void redirectTo(Path logFile) {
        try {
            Path parent = logFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            PrintStream log = new PrintStream(new FileOutputStream(logFile.toFile(), true), true, StandardCharsets.UTF_8);
            System.setOut(log);
            System.setErr(log);
        } catch (IOException e) {
            throw new LogFileException("cannot write the log file " + logFile + ": " + FileProblem.describe(e)
                    + "; choose another with --log-file or LOCAL_LOG_FILE", e);
        }
    }

    /** The log file cannot be opened: said in a sentence, since the stack trace would have nowhere to go but the terminal. */
    public static final class LogFileException extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        LogFileException(String message, IOException cause) {
            super(message, cause);
        }
    }
}
