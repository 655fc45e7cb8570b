package dev.oktaprov.errors;

/** Okta's rate limit leaves no room before the caller's deadline; try again after {@link #retryAfterSeconds()}. */
public final class RateLimitedException extends OktaProvisioningException {

    private final long retryAfterSeconds;
    private final boolean untilReset;

    /** {@code retryAfterSeconds} below 1 is raised to 1: "retry now" is never a useful answer to a 429. */
    public RateLimitedException(long retryAfterSeconds, String oktaRequestId) {
        this(retryAfterSeconds, oktaRequestId, true);
    }

    /** @param untilReset false when the wait is only this client's backoff: Okta named no reset (its concurrency limit) */
    public RateLimitedException(long retryAfterSeconds, String oktaRequestId, boolean untilReset) {
        super("Okta rate limit reached, retry after " + Math.max(1, retryAfterSeconds) + " s", oktaRequestId);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        this.untilReset = untilReset;
    }

    /** Whole seconds, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Whether {@link #retryAfterSeconds()} is the time until Okta's reset, rather than a guess. */
    public boolean untilReset() {
        return untilReset;
    }

    @Override
    public String code() {
        return "RATE_LIMITED";
    }
}
