package dev.oktaprov.simulator.oauth;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;
import java.util.Set;

/**
 * A service app the simulator's authorization server knows: the public half of its signing key,
 * the key's {@code kid}, and the scopes it has been granted.
 *
 * @param keyId the {@code kid} its assertions must carry
 */
public record RegisteredClient(String clientId, PublicKey publicKey, String keyId, Set<String> scopes) {

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

    /** The JWS algorithm its key signs with. */
    public String algorithm() {
        return publicKey instanceof RSAPublicKey ? "RS256" : "ES256";
    }
}
