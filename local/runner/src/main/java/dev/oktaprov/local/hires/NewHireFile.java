package dev.oktaprov.local.hires;

import dev.oktaprov.local.FileProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A file of new hires, read whole before anything is sent: the rows that became create inputs and
 * the rows that could not be read, each with its line number.
 *
 * @param format how the file was read
 * @param rows readable rows, in file order
 * @param unreadable rows that could not be read, in file order
 */
public record NewHireFile(Path path, FileFormat format, List<NewHireRow> rows, List<UnreadableRow> unreadable) {

    /** The file as a whole cannot be used: it is missing, empty, or its CSV header is wrong. */
    public static final class UnusableFileException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnusableFileException(String message) {
            super(message);
        }
    }

    public NewHireFile {
        rows = List.copyOf(rows);
        unreadable = List.copyOf(unreadable);
    }

    /** Reads {@code file} in the format its name or content suggests. */
    public static NewHireFile read(Path file) throws UnusableFileException {
        return read(file, null);
    }

    /** Reads {@code file}; {@code format} null means detect it. */
    public static NewHireFile read(Path file, FileFormat format) throws UnusableFileException {
        return read(file, format, LocalDate.now(ZoneOffset.UTC));
    }

    /** As above, with {@code today} for start dates written relative to it ({@code today+14}). */
    static NewHireFile read(Path file, FileFormat format, LocalDate today) throws UnusableFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UnusableFileException("cannot read " + file + ": " + FileProblem.describe(e));
        }
        Utf8Text text = Utf8Text.decode(bytes);
        FileFormat chosen = format != null ? format : FileFormat.detect(file, text.text());
        List<NewHireRow> rows = new ArrayList<>();
        List<UnreadableRow> unreadable = new ArrayList<>();
        if (chosen == FileFormat.CSV) {
            try {
                CsvHires.read(text, rows, unreadable);
            } catch (CsvHires.HeaderException e) {
                throw new UnusableFileException(e.getMessage());
            }
        } else {
            JsonLinesHires.read(text, rows, unreadable);
        }
        if (rows.isEmpty() && unreadable.isEmpty()) {
            throw new UnusableFileException(file + " holds no new hires");
        }
        unreadable.sort(Comparator.comparingInt(UnreadableRow::line));
        return new NewHireFile(file, chosen, RelativeStartDates.resolve(rows, today), unreadable);
    }

    /** Rows in all, readable or not. */
    public int total() {
        return rows.size() + unreadable.size();
    }
}
