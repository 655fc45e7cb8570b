package dev.oktaprov.simulator.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Objects;

/** {@code Authorization: SSWS <token>}, Okta's API-token scheme, against one configured token. */
public final class ApiTokenAuthenticator implements Authenticator {

    private static final String SCHEME = "ssws ";

    private final byte[] token;

    public ApiTokenAuthenticator(String token) {
        Objects.requireNonNull(token, "token");
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public AuthDecision authenticate(String method, String path, String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return AuthDecision.invalidToken();
        }
        byte[] presented = authorization.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
        // Constant-time, so the simulator does not teach clients a habit that leaks tokens elsewhere.
        return MessageDigest.isEqual(presented, token)
                ? AuthDecision.allowed("api-token")
                : AuthDecision.invalidToken();
    }

    @Override
    public String toString() {
        return "ApiTokenAuthenticator[token=***]";
    }
}
