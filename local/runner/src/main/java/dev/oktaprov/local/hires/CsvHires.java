package dev.oktaprov.local.hires;

import dev.oktaprov.local.hires.CsvRecords.CsvRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * New hires from CSV. The header row names the create input's fields (any case):
 * {@code firstName, lastName, email, login, activate, groupIds, nextLogin, password, startDate,
 * timeZone, activationTime}, and
 * {@code profile.<attribute>} for further profile attributes. An empty cell leaves its field out;
 * {@code groupIds} holds ids separated by {@code ;}; {@code activate} is {@code true} or
 * {@code false}. Other values are passed on as text for the function to judge.
 */
final class CsvHires {

    static final List<String> FIELDS =
            List.of("firstName", "lastName", "email", "login", "activate", "groupIds", "nextLogin", "password", "startDate",
                    "timeZone", "activationTime");
    static final String PROFILE_PREFIX = "profile.";
    private static final Set<String> BOOLEAN_TEXT = Set.of("true", "false");

    private CsvHires() {}

    /** Thrown when the header itself cannot be used: then no row can be read. */
    static final class HeaderException extends IllegalArgumentException {
        HeaderException(String message) {
            super(message);
        }
    }

    static void read(Utf8Text text, List<NewHireRow> rows, List<UnreadableRow> unreadable) {
        List<CsvRecord> records = CsvRecords.parse(text.text());
        int first = 0;
        while (first < records.size() && records.get(first).blank()) {
            first++;
        }
        if (first == records.size()) {
            throw new HeaderException("the file is empty: expected a header row naming the columns, e.g. "
                    + "firstName,lastName,email,login");
        }
        CsvRecord headerRecord = records.get(first);
        if (!headerRecord.readable()) {
            throw new HeaderException("line " + headerRecord.line() + ": the header row cannot be read: "
                    + headerRecord.problem());
        }
        if (spansBadLine(headerRecord, text)) {
            throw new HeaderException("line " + headerRecord.line() + ": the header row is not valid UTF-8");
        }
        List<String> columns = columns(headerRecord);
        for (CsvRecord record : records.subList(first + 1, records.size())) {
            if (!record.readable()) {
                unreadable.add(new UnreadableRow(record.line(), record.problem()));
            } else if (spansBadLine(record, text)) {
                unreadable.add(new UnreadableRow(record.line(), "not valid UTF-8 (save the file as UTF-8)"));
            } else if (record.blank()) {
                continue;
            } else if (record.fields().size() != columns.size()) {
                unreadable.add(new UnreadableRow(record.line(), record.fields().size() + " fields, but the header has "
                        + columns.size() + " columns"));
            } else {
                rows.add(new NewHireRow(record.line(), input(columns, record.fields())));
            }
        }
    }

    private static boolean spansBadLine(CsvRecord record, Utf8Text text) {
        for (int line = record.line(); line <= record.endLine(); line++) {
            if (text.badLines().contains(line)) {
                return true;
            }
        }
        return false;
    }

    /** The canonical field name of every column; the header's problems all at once. */
    private static List<String> columns(CsvRecord header) {
        List<String> columns = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String name = header.fields().get(i).strip();
            String canonical = canonical(name);
            if (name.isEmpty()) {
                problems.add("column " + (i + 1) + " has no name");
            } else if (canonical == null) {
                problems.add("unknown column \"" + name + "\" (known: " + String.join(", ", FIELDS)
                        + ", and profile.<attribute>)");
            } else if (columns.contains(canonical)) {
                problems.add("column \"" + name + "\" appears twice");
            }
            columns.add(canonical);
        }
        if (!problems.isEmpty()) {
            throw new HeaderException("line " + header.line() + ": " + String.join("; ", problems));
        }
        return columns;
    }

    private static String canonical(String name) {
        for (String field : FIELDS) {
            if (field.equalsIgnoreCase(name)) {
                return field;
            }
        }
        if (name.toLowerCase(Locale.ROOT).startsWith(PROFILE_PREFIX) && name.length() > PROFILE_PREFIX.length()) {
            return PROFILE_PREFIX + name.substring(PROFILE_PREFIX.length());
        }
        return null;
    }

    private static Map<String, Object> input(List<String> columns, List<String> values) {
        Map<String, Object> input = new LinkedHashMap<>();
        Map<String, Object> profile = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            String value = values.get(i);
            if (value.isBlank()) {
                continue;
            }
            if (column.startsWith(PROFILE_PREFIX)) {
                profile.put(column.substring(PROFILE_PREFIX.length()), value);
            } else if (column.equals("groupIds")) {
                input.put(column, groupIds(value));
            } else if (column.equals("activate") && BOOLEAN_TEXT.contains(value.strip().toLowerCase(Locale.ROOT))) {
                input.put(column, Boolean.parseBoolean(value.strip().toLowerCase(Locale.ROOT)));
            } else {
                input.put(column, value);
            }
        }
        if (!profile.isEmpty()) {
            input.put("profile", profile);
        }
        return input;
    }

    private static List<String> groupIds(String value) {
        List<String> ids = new ArrayList<>();
        for (String part : value.split(";")) {
            if (!part.isBlank()) {
                ids.add(part.strip());
            }
        }
        return ids;
    }
}
