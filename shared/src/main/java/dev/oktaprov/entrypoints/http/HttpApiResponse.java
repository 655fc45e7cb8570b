package dev.oktaprov.entrypoints.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.oktaprov.entrypoints.JsonBody;
import dev.oktaprov.entrypoints.JsonValues;
import dev.oktaprov.entrypoints.NullMembers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP API (payload 2.0) response: {@code statusCode}, {@code headers}, {@code body} as a JSON string and
 * {@code isBase64Encoded: false}. Every response is JSON and marked {@code no-store}: bodies hold personal data.
 */
public final class HttpApiResponse {

    private final int statusCode;
    private final Map<String, String> headers;
    private final BodyBuffer body;

    private HttpApiResponse(int statusCode, Map<String, String> headers, BodyBuffer body) {
        this.statusCode = statusCode;
        this.headers = headers;
        this.body = body;
    }

    /**
     * The response with {@code body}'s JSON produced now, before anything is written: a body that fails while
     * it is produced (Okta's page unreadable half-way) fails here, and is answered as any other failure.
     * Header names are lower-cased, like HTTP API's own.
     */
    public static HttpApiResponse of(int statusCode, Map<String, String> headers, JsonBody body) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("content-type", "application/json");
        all.put("cache-control", "no-store");
        headers.forEach((name, value) -> all.put(name.toLowerCase(Locale.ROOT), value));
        BodyBuffer bytes = new BodyBuffer();
        try (JsonGenerator json = JsonValues.generator(bytes)) {
            body.writeTo(json, NullMembers.KEEP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HttpApiResponse(statusCode, all, bytes);
    }

    public int statusCode() {
        return statusCode;
    }

    /** The JSON Lambda hands back to API Gateway; the body's JSON as the text of {@code body}. */
    public void writeTo(OutputStream out) throws IOException {
        try (JsonGenerator json = JsonValues.generator(out)) {
            json.writeStartObject();
            json.writeNumberField("statusCode", statusCode);
            json.writeObjectFieldStart("headers");
            for (Map.Entry<String, String> header : headers.entrySet()) {
                json.writeStringField(header.getKey(), header.getValue());
            }
            json.writeEndObject();
            json.writeFieldName("body");
            // The body is JSON carried in a JSON string: its bytes escaped on the way out, not made a String first.
            json.writeRawValue("\"");
            json.flush();
            body.writeTo(new JsonStringContent(out));
            out.write('"');
            json.writeBooleanField("isBase64Encoded", false);
            json.writeEndObject();
        }
    }
}
