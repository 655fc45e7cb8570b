package dev.oktaprov.ratelimit;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently a call is retried: at most {@code maxAttempts} attempts in all, with
 * jittered exponential backoff for 5xx and I/O failures (Okta's SDKs start at 600 ms).
 */
public final class RetryPolicy {

    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final RandomGenerator random;

    public RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, RandomGenerator random) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.baseDelay = Objects.requireNonNull(baseDelay, "baseDelay");
        this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
        this.random = Objects.requireNonNull(random, "random");
    }

    public static RetryPolicy withMaxAttempts(int maxAttempts, RandomGenerator random) {
        return new RetryPolicy(maxAttempts, Duration.ofMillis(600), Duration.ofSeconds(20), random);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public boolean mayRetryAfter(int attempt) {
        return attempt < maxAttempts;
    }

    /**
     * The pause before attempt {@code failedAttempt + 1}: half of {@code base * 2^(failedAttempt-1)}
     * plus a random share of the other half ("equal jitter"), capped at the maximum delay. Spreads
     * parallel workers apart without ever retrying immediately.
     */
    public Duration backoffAfter(int failedAttempt) {
        int exponent = Math.min(Math.max(failedAttempt - 1, 0), 20);
        long ceiling = Math.min(baseDelay.toMillis() << exponent, maxDelay.toMillis());
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(half + 1));
    }
}
