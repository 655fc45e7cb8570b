package dev.oktaprov.simulator.auth;

/**
 * Decides whether an /api request may proceed. The simulator ships the API-token scheme; OAuth
 * bearer tokens plug in here later (they need the method and path to check scopes).
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * @param authorization the Authorization header, or null when absent
     */
    AuthDecision authenticate(String method, String path, String authorization);

    /** The whole request's view; schemes that need more than the Authorization header (DPoP) override it. */
    default AuthDecision authenticate(AuthRequest request) {
        return authenticate(request.method(), request.path(), request.authorization());
    }
}
