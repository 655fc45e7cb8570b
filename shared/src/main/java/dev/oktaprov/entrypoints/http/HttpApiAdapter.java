package dev.oktaprov.entrypoints.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP API trigger (payload 2.0): tells its events apart and reads them into an {@link HttpApiRequest}.
 * Routing is API Gateway's: a function is only ever invoked for the route the template gives it.
 */
public final class HttpApiAdapter {

    /** Bodies above this size are refused with 413 before they are parsed: a create form is a few hundred bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private HttpApiAdapter() {}

    /** True for an HTTP API payload 2.0 event: {@code version "2.0"} and a {@code requestContext.http} object. */
    public static boolean accepts(Object event) {
        return event instanceof Map<?, ?> map && "2.0".equals(map.get("version"))
                && map.get("requestContext") instanceof Map<?, ?> context && context.get("http") instanceof Map<?, ?>;
    }

    /** The API Gateway request id of an accepted event, or null. */
    public static String requestId(Object event) {
        return event instanceof Map<?, ?> map && map.get("requestContext") instanceof Map<?, ?> context
                ? text(context.get("requestId")) : null;
    }

    /**
     * The request of an accepted event. HTTP API has URL-decoded the path and the parameters already: they are
     * never decoded again (that would turn a login's {@code +} into a space). Header names are lower-cased.
     *
     * @throws HttpApiException 413 for a body over {@link #MAX_BODY_BYTES}, 400 for one not valid base64 or UTF-8
     */
    public static HttpApiRequest request(Object event) {
        Map<?, ?> map = (Map<?, ?>) event;
        Map<?, ?> context = (Map<?, ?>) map.get("requestContext");
        Map<?, ?> http = (Map<?, ?>) context.get("http");
        String method = text(http.get("method"));
        String rawPath = text(map.get("rawPath"));
        Map<String, String> headers = new LinkedHashMap<>();
        strings(map.get("headers")).forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        return new HttpApiRequest(
                method == null ? "" : method.toUpperCase(Locale.ROOT),
                rawPath != null ? rawPath : text(http.get("path")),
                text(map.get("routeKey")),
                text(context.get("stage")),
                strings(map.get("pathParameters")),
                strings(map.get("queryStringParameters")),
                Collections.unmodifiableMap(headers),
                body(map.get("body"), Boolean.TRUE.equals(map.get("isBase64Encoded"))),
                text(context.get("requestId")));
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
        return Collections.unmodifiableMap(values);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
