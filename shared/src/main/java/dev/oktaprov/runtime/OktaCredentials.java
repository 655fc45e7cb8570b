package dev.oktaprov.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.okta.OktaJson;
import java.io.IOException;

/**
 * The credentials held in the Okta secret, parsed in this one place. Today: {@code {"apiToken": "..."}}.
 * OAuth service-app fields are recognised and refused with a clear message until they are supported.
 */
public sealed interface OktaCredentials {

    /** The {@code Authorization} header value. */
    String authorizationHeader();

    record ApiToken(Secret token) implements OktaCredentials {
        @Override
        public String authorizationHeader() {
            return "SSWS " + token.reveal();
        }

        @Override
        public String toString() {
            return "ApiToken[***]";
        }
    }

    /**
     * Parses the secret's text. Messages name the secret by {@code secretName} (an id, not a value)
     * and never quote its content.
     */
    static OktaCredentials parse(String secretText, String secretName) {
        JsonNode json;
        try {
            json = secretText == null ? null : OktaJson.MAPPER.readTree(secretText);
        } catch (IOException e) {
            // The parser's message may quote the secret: leave it (and the cause) out.
            throw new ConfigurationException("The secret " + secretName + " is not JSON; expected {\"apiToken\": \"...\"}");
        }
        if (json == null || !json.isObject()) {
            throw new ConfigurationException("The secret " + secretName + " is not a JSON object; expected {\"apiToken\": \"...\"}");
        }
        JsonNode token = json.get("apiToken");
        if (token != null) {
            if (!token.isTextual() || token.asText().isBlank()) {
                throw new ConfigurationException("The secret " + secretName + " has an empty or non-text apiToken");
            }
            String value = token.asText().strip();
            if (value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw new ConfigurationException("The secret " + secretName + " has an apiToken with spaces or line breaks");
            }
            return new ApiToken(Secret.of(value));
        }
        if (json.has("clientId") || json.has("privateKey") || json.has("client_id")) {
            throw new ConfigurationException("The secret " + secretName
                    + " holds OAuth service-app fields, which this version does not support yet; store {\"apiToken\": \"...\"}");
        }
        throw new ConfigurationException("The secret " + secretName + " has no apiToken; expected {\"apiToken\": \"...\"}");
    }
}
