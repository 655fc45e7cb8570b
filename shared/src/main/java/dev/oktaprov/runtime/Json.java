package dev.oktaprov.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.okta.OktaJson;

/**
 * The one configured Jackson mapper of the execution environment: unknown properties ignored,
 * {@link java.time.Instant} as ISO-8601 text, no extra modules. Shared with the Okta client.
 */
public final class Json {

    private Json() {}

    public static ObjectMapper mapper() {
        return OktaJson.MAPPER;
    }
}
