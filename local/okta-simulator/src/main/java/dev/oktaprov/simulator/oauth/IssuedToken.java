package dev.oktaprov.simulator.oauth;

import java.time.Instant;
import java.util.Set;

/** An access token the authorization server handed out. */
public record IssuedToken(String clientId, Set<String> scopes, Instant expiresAt) {

    public IssuedToken {
        scopes = Set.copyOf(scopes);
    }
}
