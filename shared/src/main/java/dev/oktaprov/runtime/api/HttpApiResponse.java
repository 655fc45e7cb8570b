package dev.oktaprov.runtime.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.oktaprov.runtime.Json;
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

    /** The map the Lambda runtime serializes back to API Gateway. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("statusCode", statusCode);
        map.put("headers", new LinkedHashMap<>(headers));
        map.put("body", body);
        map.put("isBase64Encoded", false);
        return map;
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

        /** Serializes {@code body} (maps, lists, records) with the project's mapper. */
        public HttpApiResponse json(Object body) {
            try {
                return new HttpApiResponse(statusCode, headers, Json.mapper().writeValueAsString(body));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a response body of " + body.getClass().getName(), e);
            }
        }
    }
}
