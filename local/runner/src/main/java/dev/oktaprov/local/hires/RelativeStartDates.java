package dev.oktaprov.local.hires;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A start date written relative to the day a file is read, {@code today}, {@code today+14} or
 * {@code today-2} (days, UTC), becomes that ISO date before the row is sent: sample files stay valid
 * whatever day they are used on. The functions themselves take ISO dates only.
 */
final class RelativeStartDates {

    private static final Pattern RELATIVE = Pattern.compile("\\s*today\\s*(?:([+-])\\s*(\\d{1,3}))?\\s*",
            Pattern.CASE_INSENSITIVE);

    private RelativeStartDates() {}

    static List<NewHireRow> resolve(List<NewHireRow> rows, LocalDate today) {
        return rows.stream().map(row -> resolve(row, today)).toList();
    }

    private static NewHireRow resolve(NewHireRow row, LocalDate today) {
        if (!(row.input().get("startDate") instanceof String text)) {
            return row;
        }
        Matcher relative = RELATIVE.matcher(text);
        if (!relative.matches()) {
            return row;
        }
        long days = relative.group(2) == null ? 0 : Long.parseLong(relative.group(2));
        Map<String, Object> input = new LinkedHashMap<>(row.input());
        input.put("startDate", (relative.group(1) != null && relative.group(1).equals("-") ? today.minusDays(days)
                : today.plusDays(days)).toString());
        return new NewHireRow(row.line(), input);
    }
}
