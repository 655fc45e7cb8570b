package dev.oktaprov.simulator.oauth;

/**
 * An OAuth 2.0 error answer of the token endpoint (RFC 6749, section 5.2), as Okta writes it:
 * {@code {"error": "invalid_client", "error_description": "..."}}.
 */
public final class OAuthError extends RuntimeException {

    private final int status;
    private final String error;
    private final String dpopNonce;

    public OAuthError(int status, String error, String description) {
        this(status, error, description, null);
    }

    private OAuthError(int status, String error, String description, String dpopNonce) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.dpopNonce = dpopNonce;
    }

    /** 400 invalid_dpop_proof: the DPoP proof is missing or does not pass (never says what it held). */
    static OAuthError invalidDpopProof(String description) {
        return new OAuthError(400, "invalid_dpop_proof", description);
    }

    /** 400 use_dpop_nonce, answered with a {@code DPoP-Nonce} header the client puts in its next proof. */
    static OAuthError useDpopNonce(String nonce) {
        return new OAuthError(400, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof.", nonce);
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

    /** The nonce for the {@code DPoP-Nonce} header, or null. */
    public String dpopNonce() {
        return dpopNonce;
    }

    public String description() {
        return getMessage();
    }
}
