package dev.oktaprov.entrypoints.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.oktaprov.entrypoints.DuplicateKeyException;
import dev.oktaprov.entrypoints.JsonValues;
import dev.oktaprov.errors.InvalidInputException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * An API Gateway HTTP API request (payload format 2.0), as {@link HttpApiAdapter} reads it.
 *
 * @param body the body as text, or null when there is none
 * @param stage the stage name; {@code $default} for the default stage
 */
public record HttpApiRequest(String method, String rawPath, String routeKey, String stage,
        Map<String, String> pathParameters, Map<String, String> queryStringParameters, Map<String, String> headers,
        String body, String requestId) {

    public Optional<String> pathParameter(String name) {
        return Optional.ofNullable(pathParameters.get(name));
    }

    /**
     * The body as a JSON object of plain values (maps, lists, strings, numbers, booleans, null).
     *
     * @throws HttpApiException {@code MALFORMED_JSON} for an empty body, invalid JSON, a duplicate key
     *     or trailing content; the message gives the position, never the content
     * @throws InvalidInputException for valid JSON that is not an object
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> jsonObjectBody() {
        if (body == null || body.isBlank()) {
            throw HttpApiException.malformedJson("The request body is empty; expected a JSON object");
        }
        Object parsed;
        try {
            parsed = JsonValues.read(body, true);
        } catch (DuplicateKeyException e) {
            throw HttpApiException.malformedJson("The request body repeats " + e.describe() + position(e.getLocation())
                    + "; a key may appear once in each JSON object");
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote the body (a password, say): only the position leaves.
            throw HttpApiException.malformedJson("The request body is not valid JSON" + position(e.getLocation()));
        } catch (IOException e) {
            throw HttpApiException.malformedJson("The request body is not valid JSON");
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw InvalidInputException.of("body", "must be a JSON object");
        }
        return (Map<String, Object>) parsed;
    }

    private static String position(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** Without the body and headers: they may hold personal data or a signature. */
    @Override
    public String toString() {
        return "HttpApiRequest[" + method + " " + routeKey + ", requestId=" + requestId + "]";
    }
}
