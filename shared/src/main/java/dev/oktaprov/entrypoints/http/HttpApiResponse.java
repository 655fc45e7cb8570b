package dev.oktaprov.entrypoints.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.oktaprov.entrypoints.JsonBody;
import dev.oktaprov.entrypoints.JsonValues;
import dev.oktaprov.entrypoints.NullMembers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP API (payload 2.0) response: {@code statusCode}, {@code headers}, {@code body} as a JSON
 * string and {@code isBase64Encoded: false}. Every response is JSON and marked {@code no-store}:
 * bodies hold personal data.
 */
public record HttpApiResponse(int statusCode, Map<String, String> headers, String body) {

    public HttpApiResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(body, "body");
    }

    public static Builder status(int statusCode) {
        return new Builder(statusCode);
    }

    /** The JSON Lambda hands back to API Gateway. */
    public void writeTo(OutputStream out) throws IOException {
        write(out, statusCode, headers, json -> json.writeStringField("body", body));
    }

    /** A response whose body is already produced, {@link Builder#render rendered}: writing it cannot fail half-way. */
    public static final class Rendered {
        private final int statusCode;
        private final Map<String, String> headers;
        private final BodyBuffer body;

        private Rendered(int statusCode, Map<String, String> headers, BodyBuffer body) {
            this.statusCode = statusCode;
            this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            this.body = body;
        }

        public int statusCode() {
            return statusCode;
        }

        /** The JSON Lambda hands back to API Gateway; the body's JSON as the text of {@code body}. */
        public void writeTo(OutputStream out) throws IOException {
            write(out, statusCode, headers, json -> {
                json.writeFieldName("body");
                // The body is JSON carried in a JSON string: its bytes escaped on the way out, not made a String first.
                json.writeRawValue("\"");
                json.flush();
                body.writeTo(new JsonStringContent(out));
                out.write('"');
            });
        }
    }

    private interface BodyMember {
        void write(JsonGenerator json) throws IOException;
    }

    private static void write(OutputStream out, int statusCode, Map<String, String> headers, BodyMember body)
            throws IOException {
        try (JsonGenerator json = JsonValues.generator(out)) {
            json.writeStartObject();
            json.writeNumberField("statusCode", statusCode);
            json.writeObjectFieldStart("headers");
            for (Map.Entry<String, String> header : headers.entrySet()) {
                json.writeStringField(header.getKey(), header.getValue());
            }
            json.writeEndObject();
            body.write(json);
            json.writeBooleanField("isBase64Encoded", false);
            json.writeEndObject();
        }
    }

    public static final class Builder {
        private final int statusCode;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder(int statusCode) {
            if (statusCode < 100 || statusCode > 599) {
                throw new IllegalArgumentException("not an HTTP status: " + statusCode);
            }
            this.statusCode = statusCode;
            headers.put("content-type", "application/json");
            headers.put("cache-control", "no-store");
        }

        /** Header names are lower-cased, like HTTP API's own. */
        public Builder header(String name, String value) {
            headers.put(name.toLowerCase(Locale.ROOT), Objects.requireNonNull(value, name));
            return this;
        }

        public Builder headers(Map<String, String> more) {
            more.forEach(this::header);
            return this;
        }

        /** The response with {@code body} (maps, lists, strings, numbers, booleans) as its JSON text. */
        public HttpApiResponse json(Object body) {
            return new HttpApiResponse(statusCode, headers, JsonValues.toJson(body, NullMembers.KEEP));
        }

        /**
         * The response with {@code body}'s JSON produced now, before anything is written: a body that
         * fails while it is produced (Okta's page unreadable half-way) fails here, and is answered as
         * any other failure.
         */
        public Rendered render(JsonBody body) {
            BodyBuffer bytes = new BodyBuffer();
            try (JsonGenerator json = JsonValues.generator(bytes)) {
                body.writeTo(json, NullMembers.KEEP);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Rendered(statusCode, headers, bytes);
        }
    }
}
