package dev.oktaprov.simulator.oauth;

import dev.oktaprov.simulator.auth.AuthDecision;
import dev.oktaprov.simulator.auth.AuthRequest;
import dev.oktaprov.simulator.auth.Authenticator;
import java.util.List;
import java.util.Objects;

/**
 * {@code Authorization: Bearer <token>} and {@code DPoP <token>} for tokens the
 * {@link AuthorizationServer} issued; anything else (SSWS, a token it does not know) goes to the next
 * authenticator, so API tokens and service apps work side by side as in a real org.
 */
public final class BearerTokenAuthenticator implements Authenticator {

    private final AuthorizationServer server;
    private final Authenticator next;

    public BearerTokenAuthenticator(AuthorizationServer server, Authenticator next) {
        this.server = Objects.requireNonNull(server, "server");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public AuthDecision authenticate(AuthRequest request) {
        return server.authenticate(request).orElseGet(() -> next.authenticate(request));
    }

    /** Without a URL or DPoP headers: Bearer tokens only (a DPoP-bound token is refused). */
    @Override
    public AuthDecision authenticate(String method, String path, String authorization) {
        return authenticate(new AuthRequest(method, path, "", authorization, List.of()));
    }
}
