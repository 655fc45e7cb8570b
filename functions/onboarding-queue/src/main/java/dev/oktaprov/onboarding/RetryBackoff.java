package dev.oktaprov.onboarding;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a transiently failed message stays invisible before SQS hands it out again: "full
 * jitter", a uniformly random time between zero and {@code base × 2^(receiveCount − 1)}, capped at
 * {@code max}. Exponential, so a long Okta outage is not hammered; random, so messages that failed
 * together do not all come back together.
 */
final class RetryBackoff {

    private final Duration base;
    private final Duration max;
    private final RandomGenerator random;

    RetryBackoff(Duration base, Duration max, RandomGenerator random) {
        this.base = base;
        this.max = max;
        this.random = random;
    }

    Duration after(int receiveCount) {
        int doublings = Math.min(Math.max(receiveCount - 1, 0), 30);
        long ceiling = Math.min(max.toSeconds(), base.toSeconds() * (1L << doublings));
        ceiling = Math.min(ceiling, OnboardingSettings.MAX_VISIBILITY_SECONDS);
        return Duration.ofSeconds(ceiling <= 0 ? 0 : random.nextLong(ceiling + 1));
    }
}
