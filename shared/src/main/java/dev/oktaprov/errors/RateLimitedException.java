package dev.oktaprov.errors;

/** Okta's rate limit leaves no room before the caller's deadline; try again after {@link #retryAfterSeconds()}. */
public final class RateLimitedException extends OktaProvisioningException {

    private final long retryAfterSeconds;

    /** {@code retryAfterSeconds} below 1 is raised to 1: "retry now" is never a useful answer to a 429. */
    public RateLimitedException(long retryAfterSeconds, String oktaRequestId) {
        super("Okta rate limit reached, retry after " + Math.max(1, retryAfterSeconds) + " s", oktaRequestId);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Whole seconds, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public String code() {
        return "RATE_LIMITED";
    }
}
