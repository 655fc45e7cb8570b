package dev.oktaprov.simulator.oauth;

/**
 * An OAuth 2.0 error answer of the token endpoint (RFC 6749, section 5.2), as Okta writes it:
 * {@code {"error": "invalid_client", "error_description": "..."}}.
 */
public final class OAuthError extends RuntimeException {

    private final int status;
    private final String error;

    public OAuthError(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    /** 401 invalid_client: the client, its key or its assertion is not acceptable. */
    static OAuthError invalidClient(String description) {
        return new OAuthError(401, "invalid_client", description);
    }

    static OAuthError invalidRequest(String description) {
        return new OAuthError(400, "invalid_request", description);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }
}
