package dev.oktaprov.credentials;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.okta.OktaJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The credentials held in the Okta secret, parsed in this one place. Either an API token,
 * {@code {"apiToken": "..."}}, or an OAuth 2.0 service app,
 * {@code {"clientId", "privateKey" (PEM PKCS#8 or a private JWK, RSA or EC P-256), "keyId" (optional
 * when the JWK has a kid), "scopes" (optional)}}.
 */
public sealed interface OktaCredentials {

    /** How the secret's text is read: a PEM pasted into a hand-written file keeps its line breaks inside the string. */
    ObjectReader SECRET_JSON = OktaJson.MAPPER.reader().with(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS);

    String EXPECTED = "expected {\"apiToken\": \"...\"} or {\"clientId\", \"privateKey\", \"keyId\"}";

    record ApiToken(Secret token) implements OktaCredentials {
        /** The {@code Authorization} header value. */
        public String authorizationHeader() {
            return "SSWS " + token.reveal();
        }

        @Override
        public String toString() {
            return "ApiToken[***]";
        }
    }

    /** @param scopes the secret's {@code scopes}, when it names them */
    record ServiceApp(ServiceAppCredentials app, Optional<List<String>> scopes) implements OktaCredentials {
        @Override
        public String toString() {
            return "ServiceApp[" + app + ", scopes=" + scopes.map(Object::toString).orElse("-") + "]";
        }
    }

    /**
     * Parses the secret's text. Messages name the secret by {@code secretName} (an id, not a value)
     * and never quote its content.
     */
    static OktaCredentials parse(String secretText, String secretName) {
        JsonNode json;
        try {
            // A secret written from a file a Windows editor saved starts with a byte order mark (RFC 8259: ignorable).
            json = secretText == null ? null : SECRET_JSON.readTree(secretText.replaceFirst("^\uFEFF", ""));
        } catch (IOException e) {
            // The parser's message may quote the secret: leave it (and the cause) out.
            throw new ConfigurationException("The secret " + secretName + " is not JSON; " + EXPECTED);
        }
        if (json == null || !json.isObject()) {
            throw new ConfigurationException("The secret " + secretName + " is not a JSON object; " + EXPECTED);
        }
        boolean serviceApp = json.has("clientId") || json.has("privateKey") || json.has("keyId");
        JsonNode token = json.get("apiToken");
        if (token != null && serviceApp) {
            throw new ConfigurationException("The secret " + secretName
                    + " holds both an apiToken and OAuth service-app fields; keep one of them");
        }
        if (token != null) {
            if (!token.isTextual() || token.asText().isBlank()) {
                throw new ConfigurationException("The secret " + secretName + " has an empty or non-text apiToken");
            }
            String value = token.asText().strip();
            requireTokenCharacters(value, "an apiToken", secretName);
            return new ApiToken(Secret.of(value));
        }
        if (serviceApp) {
            return serviceApp(json, secretName);
        }
        if (json.has("client_id") || json.has("private_key")) {
            throw new ConfigurationException("The secret " + secretName
                    + " uses snake_case field names; the fields are clientId, privateKey, keyId and scopes");
        }
        throw new ConfigurationException("The secret " + secretName + " has no apiToken or clientId; " + EXPECTED);
    }

    private static ServiceApp serviceApp(JsonNode json, String secretName) {
        String clientId = text(json, "clientId", secretName);
        JsonNode keyValue = json.get("privateKey");
        String keyText = keyValue != null && keyValue.isObject() ? null : text(json, "privateKey", secretName);
        // Only a JWK can name its kid: without one, a missing keyId is the first problem to report.
        boolean jwk = keyText == null || keyText.startsWith("{");
        String statedKeyId = json.has("keyId") || !jwk ? text(json, "keyId", secretName) : null;
        PrivateJwk key = privateKey(keyValue, keyText, secretName);
        String keyId = statedKeyId != null ? statedKeyId : key.keyId().orElseThrow(() -> missing("keyId", secretName));
        if (key.keyId().isPresent() && !key.keyId().get().equals(keyId)) {
            throw new ConfigurationException("The secret " + secretName + " has a keyId that differs from its"
                    + " privateKey's kid; Okta looks the key up by the kid the assertion names, so keep one of them");
        }
        // Both go into the signed assertion, and from there into a request: the token rule holds for them too.
        requireTokenCharacters(clientId, "a clientId", secretName);
        requireTokenCharacters(keyId, "a keyId", secretName);
        try {
            return new ServiceApp(new ServiceAppCredentials(clientId, key.key(), keyId), scopes(json.get("scopes"), secretName));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("The secret " + secretName + " has an unusable service app: " + e.getMessage());
        }
    }

    /** PEM PKCS#8 text, or a JWK: as an object, or as the JSON text Okta's console copies. */
    private static PrivateJwk privateKey(JsonNode value, String text, String secretName) {
        try {
            if (text == null) {
                return PrivateJwk.read(value);
            }
            return text.startsWith("{") ? PrivateJwk.read(jwkText(text)) : new PrivateJwk(SigningKey.fromPem(text), Optional.empty());
        } catch (IllegalArgumentException e) {
            // SigningKey's and PrivateJwk's messages describe the problem and never quote the key.
            throw new ConfigurationException("The secret " + secretName + " has an unusable privateKey: " + e.getMessage());
        }
    }

    private static JsonNode jwkText(String text) {
        try {
            return OktaJson.MAPPER.readTree(text);
        } catch (IOException e) {
            // The parser's message may quote the key: leave it out.
            throw new IllegalArgumentException("it starts like a JWK but is not JSON");
        }
    }

    /** The credential-character rule, refused by position only: the value is never quoted. */
    private static void requireTokenCharacters(String value, String what, String secretName) {
        String unfit = CredentialCharacters.unfitCharacter(value);
        if (unfit != null) {
            throw new ConfigurationException("The secret " + secretName + " has " + what + " with " + unfit
                    + CredentialCharacters.HINT);
        }
    }

    private static String text(JsonNode json, String field, String secretName) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw missing(field, secretName);
        }
        return value.asText().strip();
    }

    private static ConfigurationException missing(String field, String secretName) {
        return new ConfigurationException("The secret " + secretName + " has an empty or non-text " + field
                + "; an OAuth service app needs clientId, privateKey and keyId (or a JWK privateKey with a kid)");
    }

    /** {@code "a b"}, {@code "a,b"} or {@code ["a", "b"]}; absent or null means "not stated". */
    private static Optional<List<String>> scopes(JsonNode scopes, String secretName) {
        if (scopes == null || scopes.isNull()) {
            return Optional.empty();
        }
        try {
            if (scopes.isTextual()) {
                return Optional.of(OAuthScopes.parse(scopes.asText()));
            }
            if (scopes.isArray()) {
                List<String> list = new ArrayList<>();
                for (JsonNode scope : scopes) {
                    if (!scope.isTextual()) {
                        throw new IllegalArgumentException("every scope must be text");
                    }
                    list.add(scope.asText().strip());
                }
                return Optional.of(OAuthScopes.validated(list));
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("The secret " + secretName + " has unusable scopes: " + e.getMessage());
        }
        throw new ConfigurationException("The secret " + secretName + " has scopes that are neither text nor an array of text");
    }
}
