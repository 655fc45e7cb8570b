package dev.oktaprov.simulator.oauth;

import dev.oktaprov.simulator.auth.AuthDecision;
import dev.oktaprov.simulator.auth.Authenticator;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code Authorization: Bearer <token>} for tokens the {@link AuthorizationServer} issued; anything
 * else (SSWS, a bearer token it does not know) goes to the next authenticator, so API tokens and
 * service apps work side by side as in a real org.
 */
public final class BearerTokenAuthenticator implements Authenticator {

    private static final String SCHEME = "bearer ";

    private final AuthorizationServer server;
    private final Authenticator next;

    public BearerTokenAuthenticator(AuthorizationServer server, Authenticator next) {
        this.server = Objects.requireNonNull(server, "server");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public AuthDecision authenticate(String method, String path, String authorization) {
        if (authorization != null && authorization.length() > SCHEME.length()
                && authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            String token = authorization.substring(SCHEME.length()).trim();
            var decision = server.authenticate(method, path, token);
            if (decision.isPresent()) {
                return decision.get();
            }
        }
        return next.authenticate(method, path, authorization);
    }
}
