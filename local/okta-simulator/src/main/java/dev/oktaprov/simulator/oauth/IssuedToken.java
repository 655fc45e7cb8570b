package dev.oktaprov.simulator.oauth;

import java.time.Instant;
import java.util.Set;

/**
 * An access token the authorization server handed out.
 *
 * @param jkt the SHA-256 thumbprint (RFC 7638) of the DPoP key the token is bound to; null for a Bearer token
 */
public record IssuedToken(String clientId, Set<String> scopes, Instant expiresAt, String jkt) {

    public IssuedToken {
        scopes = Set.copyOf(scopes);
    }

    public IssuedToken(String clientId, Set<String> scopes, Instant expiresAt) {
        this(clientId, scopes, expiresAt, null);
    }

    /** Usable only with {@code Authorization: DPoP} and a proof signed by the bound key. */
    public boolean dpopBound() {
        return jkt != null;
    }
}
