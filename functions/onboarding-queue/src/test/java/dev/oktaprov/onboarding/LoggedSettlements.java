package dev.oktaprov.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The function's one log line per settled message ({@code message_id}, {@code outcome}, {@code disposition}, ...). */
final class LoggedSettlements {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LoggedSettlements() {
    }

    /** The settlement lines of {@code messageId}, oldest first. */
    static List<JsonNode> of(List<String> lines, String messageId) {
        return lines.stream().filter(line -> line.startsWith("{")).map(LoggedSettlements::read)
                .filter(line -> messageId.equals(line.path("message_id").asText(null)) && line.has("disposition"))
                .toList();
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
