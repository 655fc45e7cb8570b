package dev.oktaprov.local.cli;

import dev.oktaprov.local.Terminal;
import dev.oktaprov.local.hires.FileFormat;
import dev.oktaprov.local.hires.NewHireFile;
import dev.oktaprov.local.hires.UnreadableRow;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a new-hires file before anything starts, and says what is wrong with it when something is. */
final class HireFiles {

    private HireFiles() {}

    /**
     * The file, or empty after telling the user why it cannot be sent: unusable, or rows that cannot
     * be read (unless {@code skipUnreadable}).
     */
    static Optional<NewHireFile> read(Path file, FileFormat format, boolean skipUnreadable, Terminal terminal) {
        NewHireFile read;
        try {
            read = NewHireFile.read(file, format);
        } catch (NewHireFile.UnusableFileException e) {
            terminal.err().println("run-local: " + e.getMessage() + "; nothing was sent.");
            return Optional.empty();
        }
        if (!read.unreadable().isEmpty() && !skipUnreadable) {
            int count = read.unreadable().size();
            terminal.err().println(file + ": " + count + (count == 1 ? " row cannot" : " rows cannot")
                    + " be read; nothing was sent.");
            for (UnreadableRow row : read.unreadable()) {
                terminal.err().println("  line " + row.line() + ": " + row.reason());
            }
            terminal.err().println("Fix " + (count == 1 ? "it" : "them") + ", or send the other "
                    + read.rows().size() + " rows with --skip-unreadable.");
            return Optional.empty();
        }
        return Optional.of(read);
    }
}
