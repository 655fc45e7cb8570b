package dev.oktaprov.simulator.auth;

/** The outcome of authenticating one request. */
public sealed interface AuthDecision {

    /** The request may proceed on behalf of {@code principal} (never a secret). */
    record Allowed(String principal) implements AuthDecision {
    }

    /**
     * The request is refused with an Okta error.
     *
     * @param challenge the {@code WWW-Authenticate} value, or null for none
     */
    record Denied(int status, String errorCode, String errorSummary, String challenge) implements AuthDecision {

        public Denied(int status, String errorCode, String errorSummary) {
            this(status, errorCode, errorSummary, null);
        }
    }

    static AuthDecision allowed(String principal) {
        return new Allowed(principal);
    }

    /** 401 E0000011, what Okta answers a missing, malformed or unknown API token. */
    static AuthDecision invalidToken() {
        return new Denied(401, "E0000011", "Invalid token provided");
    }

    /** 401 E0000011 with {@code WWW-Authenticate: DPoP error="<error>"}, for DPoP-bound tokens. */
    static AuthDecision dpopRefused(String error) {
        return new Denied(401, "E0000011", "Invalid token provided", "DPoP error=\"" + error + "\"");
    }
}
