package dev.oktaprov.entrypoints.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.oktaprov.entrypoints.JsonValues;
import dev.oktaprov.errors.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An API Gateway HTTP API request (payload format 2.0): the fields of the event the functions use,
 * read from the event's plain values.
 *
 * <p>HTTP API hands over {@code rawPath}, {@code pathParameters} and {@code queryStringParameters}
 * already URL-decoded; they are used as they are, never decoded again (that would turn a login's
 * {@code +} into a space). Header names are lower-cased. A base64-encoded body is decoded.
 *
 * @param body the body as text, or null when there is none
 * @param stage the stage name; {@code $default} for the default stage
 */
public record HttpApiRequest(
        String method,
        String rawPath,
        String routeKey,
        String stage,
        Map<String, String> pathParameters,
        Map<String, String> queryStringParameters,
        Map<String, String> headers,
        String body,
        String requestId) {

    /** Bodies above this size are refused with 413 before they are parsed: a create form is a few hundred bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    public HttpApiRequest {
        pathParameters = unmodifiable(pathParameters);
        queryStringParameters = unmodifiable(queryStringParameters);
        headers = unmodifiable(headers);
    }

    /** True for an HTTP API payload 2.0 event: {@code version "2.0"} and a {@code requestContext.http} object. */
    public static boolean isHttpApiEvent(Map<String, Object> event) {
        return event != null
                && "2.0".equals(event.get("version"))
                && event.get("requestContext") instanceof Map<?, ?> context
                && context.get("http") instanceof Map<?, ?>;
    }

    /** The API Gateway request id of an HTTP API event, or null. */
    public static String requestIdOf(Map<String, Object> event) {
        return event != null && event.get("requestContext") instanceof Map<?, ?> context ? text(context.get("requestId")) : null;
    }

    /**
     * Reads an event for which {@link #isHttpApiEvent} holds.
     *
     * @throws HttpApiException 413 for a body over {@link #MAX_BODY_BYTES}, 400 for a body that is not
     *     valid base64 or UTF-8
     */
    public static HttpApiRequest from(Map<String, Object> event) {
        if (!isHttpApiEvent(event)) {
            throw new IllegalArgumentException("not an HTTP API payload 2.0 event");
        }
        Map<?, ?> context = (Map<?, ?>) event.get("requestContext");
        Map<?, ?> http = (Map<?, ?>) context.get("http");
        String method = text(http.get("method"));
        String rawPath = text(event.get("rawPath"));
        Map<String, String> headers = new LinkedHashMap<>();
        strings(event.get("headers")).forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        return new HttpApiRequest(
                method == null ? "" : method.toUpperCase(Locale.ROOT),
                rawPath != null ? rawPath : text(http.get("path")),
                text(event.get("routeKey")),
                text(context.get("stage")),
                strings(event.get("pathParameters")),
                strings(event.get("queryStringParameters")),
                headers,
                body(event.get("body"), Boolean.TRUE.equals(event.get("isBase64Encoded"))),
                text(context.get("requestId")));
    }

    public Optional<String> pathParameter(String name) {
        return Optional.ofNullable(pathParameters.get(name));
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * The body as a JSON object, its values as plain Java values (maps, lists, strings, numbers,
     * booleans, null).
     *
     * @throws HttpApiException {@code MALFORMED_JSON} for an empty body, invalid JSON, a duplicate key
     *     or trailing content; the message gives the position, never the content
     * @throws InvalidInputException for valid JSON that is not an object
     */
    public Map<String, Object> jsonObjectBody() {
        if (body == null || body.isBlank()) {
            throw HttpApiException.malformedJson("The request body is empty; expected a JSON object");
        }
        Object parsed;
        try {
            parsed = JsonValues.read(body, true);
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote the body (a password, say): only the position leaves.
            throw HttpApiException.malformedJson("The request body is not valid JSON" + position(e.getLocation()));
        } catch (IOException e) {
            throw HttpApiException.malformedJson("The request body is not valid JSON");
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw InvalidInputException.of("body", "must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) parsed;
        return object;
    }

    private static String position(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String body(Object raw, boolean base64) {
        if (raw == null) {
            return null;
        }
        String text = raw.toString();
        // Base64 is 4/3 of the bytes it carries: refuse before decoding anything large.
        long bytes = base64 ? (long) text.length() * 3 / 4 : (long) text.length();
        if (bytes > MAX_BODY_BYTES || (!base64 && text.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES)) {
            throw new HttpApiException(413, HttpApiException.PAYLOAD_TOO_LARGE,
                    "The request body is larger than " + MAX_BODY_BYTES / 1024 + " KB");
        }
        if (!base64) {
            return text;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw HttpApiException.malformedJson("The request body is marked base64 but is not valid base64");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded))
                    .toString();
        } catch (CharacterCodingException e) {
            throw HttpApiException.malformedJson("The request body is not UTF-8 text");
        }
    }

    private static Map<String, String> strings(Object raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                if (name != null && value != null) {
                    values.put(name.toString(), value.toString());
                }
            });
        }
        return values;
    }

    private static Map<String, String> unmodifiable(Map<String, String> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** Without the body and headers: they may hold personal data or a signature. */
    @Override
    public String toString() {
        return "HttpApiRequest[" + method + " " + routeKey + ", requestId=" + requestId + "]";
    }
}
