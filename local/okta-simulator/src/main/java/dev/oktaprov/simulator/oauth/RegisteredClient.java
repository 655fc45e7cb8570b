package dev.oktaprov.simulator.oauth;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;
import java.util.Set;

/**
 * A service app the simulator's authorization server knows: the public half of its signing key,
 * the key's {@code kid}, the scopes it has been granted, and whether it requires DPoP.
 *
 * @param keyId the {@code kid} its assertions must carry
 * @param dpopBoundAccessTokens Okta's {@code settings.oauthClient.dpop_bound_access_tokens}: the token
 *     endpoint then insists on a DPoP proof (with a nonce) and issues tokens bound to its key
 */
public record RegisteredClient(String clientId, PublicKey publicKey, String keyId, Set<String> scopes,
        boolean dpopBoundAccessTokens) {

    /** A client that gets Bearer tokens, DPoP off (Okta's setting unticked). */
    public RegisteredClient(String clientId, PublicKey publicKey, String keyId, Set<String> scopes) {
        this(clientId, publicKey, keyId, scopes, false);
    }

    public RegisteredClient {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank");
        }
        Objects.requireNonNull(publicKey, "publicKey");
        if (!(publicKey instanceof RSAPublicKey) && !(publicKey instanceof ECPublicKey)) {
            throw new IllegalArgumentException("the public key must be RSA or EC");
        }
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalArgumentException("keyId must not be blank");
        }
        scopes = Set.copyOf(scopes);
    }

    /** The same client with Okta's "Require DPoP header in token requests" ticked or not. */
    public RegisteredClient withDpopBoundAccessTokens(boolean required) {
        return new RegisteredClient(clientId, publicKey, keyId, scopes, required);
    }

    /** The JWS algorithm its key signs with. */
    public String algorithm() {
        return publicKey instanceof RSAPublicKey ? "RS256" : "ES256";
    }
}
