package dev.oktaprov.local.hires;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.List;
import java.util.Map;

/** New hires as JSON lines: one create input (a JSON object) per line; blank lines are skipped. */
final class JsonLinesHires {

    private static final ObjectReader STRICT = new ObjectMapper().readerFor(Object.class)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonLinesHires() {}

    static void read(Utf8Text text, List<NewHireRow> rows, List<UnreadableRow> unreadable) {
        String[] lines = text.text().split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            int line = i + 1;
            String content = lines[i];
            if (content.isBlank()) {
                continue;
            }
            if (text.badLines().contains(line)) {
                unreadable.add(new UnreadableRow(line, "not valid UTF-8 (save the file as UTF-8)"));
                continue;
            }
            Object value;
            try {
                value = STRICT.readValue(content);
            } catch (JsonProcessingException e) {
                // Only the position: Jackson's message may quote the line, and the line may hold a password.
                unreadable.add(new UnreadableRow(line, "not valid JSON" + column(e.getLocation())));
                continue;
            }
            if (value instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> input = (Map<String, Object>) map;
                rows.add(new NewHireRow(line, input));
            } else {
                unreadable.add(new UnreadableRow(line, "not a JSON object (one create input per line, e.g. "
                        + "{\"firstName\": \"…\", \"lastName\": \"…\", \"email\": \"…\", \"login\": \"…\"})"));
            }
        }
    }

    private static String column(JsonLocation location) {
        return location == null || location.getColumnNr() < 1 ? "" : " (column " + location.getColumnNr() + ")";
    }
}
