package dev.oktaprov.credentials;

import java.util.Objects;

/**
 * An Okta OAuth 2.0 service app that authenticates with {@code private_key_jwt}.
 *
 * @param clientId the app's client id (an identifier, not a secret)
 * @param signingKey the private half of the key registered with the app
 * @param keyId the {@code kid} of that key in the app's JWKS
 */
public record ServiceAppCredentials(String clientId, SigningKey signingKey, String keyId) {

    public ServiceAppCredentials {
        requireToken(clientId, "clientId");
        Objects.requireNonNull(signingKey, "signingKey");
        requireToken(keyId, "keyId");
    }

    private static void requireToken(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        String unfit = CredentialCharacters.unfitCharacter(value);
        if (unfit != null) {
            throw new IllegalArgumentException(name + " has " + unfit);
        }
    }

    @Override
    public String toString() {
        return "ServiceAppCredentials[clientId=" + clientId + ", keyId=" + keyId + ", key=***]";
    }
}
