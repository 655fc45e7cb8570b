package dev.oktaprov.local.hires;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records as RFC 4180 writes them: fields separated by commas, records by
 * CRLF, LF or CR; a field may be enclosed in double quotes, and then holds commas, line breaks and
 * doubled quotes ({@code ""} for one {@code "}). A record that breaks these rules is reported with
 * the line it starts on, and reading resumes on the next line.
 */
final class CsvRecords {

    /**
     * One record, or why it could not be read.
     *
     * @param line the 1-based line the record starts on
     * @param endLine the line it ends on (a quoted field may span lines)
     * @param fields the fields, unquoted; null when {@code problem} is set
     */
    record CsvRecord(int line, int endLine, List<String> fields, String problem) {

        boolean readable() {
            return problem == null;
        }

        /** True for a record of empty fields only (an empty line, or {@code ,,,} from a spreadsheet). */
        boolean blank() {
            return readable() && fields.stream().allMatch(String::isBlank);
        }
    }

    private final String text;
    private int position;
    private int line = 1;

    private CsvRecords(String text) {
        this.text = text;
    }

    static List<CsvRecord> parse(String text) {
        return new CsvRecords(text).all();
    }

    private List<CsvRecord> all() {
        List<CsvRecord> records = new ArrayList<>();
        while (position < text.length()) {
            records.add(next());
        }
        return records;
    }

    private CsvRecord next() {
        int startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            if (position >= text.length()) {
                fields.add(field.toString());
                return new CsvRecord(startLine, line, fields, null);
            }
            char c = text.charAt(position);
            if (c == '"' && field.isEmpty()) {
                int quoteLine = line;
                position++;
                String problem = quoted(field);
                if (problem != null) {
                    return unreadable(startLine, problem.replace("%LINE%", Integer.toString(quoteLine)));
                }
                if (position >= text.length()) {
                    fields.add(field.toString());
                    return new CsvRecord(startLine, line, fields, null);
                }
                c = text.charAt(position);
                if (c != ',' && c != '\r' && c != '\n') {
                    return unreadable(startLine, "column " + (fields.size() + 1)
                            + ": text after a closing quote (a quote inside a quoted field is written \"\")");
                }
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                position++;
            } else if (c == '\r' || c == '\n') {
                fields.add(field.toString());
                int endLine = line;
                skipLineBreak();
                return new CsvRecord(startLine, endLine, fields, null);
            } else if (c == '"') {
                return unreadable(startLine, "column " + (fields.size() + 1)
                        + ": a quote inside an unquoted field (enclose the field in quotes and write the quote as \"\")");
            } else {
                field.append(c);
                position++;
            }
        }
    }

    /** Reads a quoted field's content up to its closing quote; a problem, or null. */
    private String quoted(StringBuilder field) {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '"') {
                if (position + 1 < text.length() && text.charAt(position + 1) == '"') {
                    field.append('"');
                    position += 2;
                    continue;
                }
                position++;
                return null;
            }
            if (c == '\n' || (c == '\r' && !(position + 1 < text.length() && text.charAt(position + 1) == '\n'))) {
                line++;
            }
            field.append(c);
            position++;
        }
        return "a quoted field opened on line %LINE% is never closed";
    }

    /** Skips the rest of the broken record's line, so that reading resumes on the next one. */
    private CsvRecord unreadable(int startLine, String problem) {
        int endLine = line;
        while (position < text.length() && text.charAt(position) != '\r' && text.charAt(position) != '\n') {
            position++;
        }
        if (position < text.length()) {
            skipLineBreak();
        }
        return new CsvRecord(startLine, endLine, null, problem);
    }

    private void skipLineBreak() {
        if (text.charAt(position) == '\r' && position + 1 < text.length() && text.charAt(position + 1) == '\n') {
            position++;
        }
        position++;
        line++;
    }
}
