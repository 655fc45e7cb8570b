package dev.oktaprov.local.hires;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One readable row of a new-hires file: the create input it becomes (the body of one queue message).
 * Whether that input is valid is the function's call, not the reader's.
 *
 * @param line the 1-based line the row starts on
 * @param input the create input's fields: firstName, lastName, email, login, activate, groupIds, …
 */
public record NewHireRow(int line, Map<String, Object> input) {

    public NewHireRow {
        input = Collections.unmodifiableMap(new LinkedHashMap<>(input));
    }

    /** Without the input: it may hold a password. */
    @Override
    public String toString() {
        return "NewHireRow[line=" + line + ", fields=" + input.keySet() + "]";
    }
}
