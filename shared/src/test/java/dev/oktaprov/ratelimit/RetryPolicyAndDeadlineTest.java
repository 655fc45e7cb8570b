package dev.oktaprov.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.testsupport.MutableClock;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyAndDeadlineTest {

    @Test
    void backoffGrowsExponentiallyWithJitterAndACap() {
        RetryPolicy policy = RetryPolicy.withMaxAttempts(5, new SplittableRandom(1));
        for (int attempt = 1; attempt <= 10; attempt++) {
            long ceiling = Math.min(600L << (attempt - 1), 20_000);
            assertThat(policy.backoffAfter(attempt)).isBetween(Duration.ofMillis(ceiling / 2), Duration.ofMillis(ceiling));
        }
    }

    @Test
    void jitterSpreadsWorkersApart() {
        RetryPolicy a = RetryPolicy.withMaxAttempts(5, new SplittableRandom(1));
        RetryPolicy b = RetryPolicy.withMaxAttempts(5, new SplittableRandom(2));
        assertThat(a.backoffAfter(3)).isNotEqualTo(b.backoffAfter(3));
    }

    @Test
    void attemptsAreCounted() {
        RetryPolicy policy = RetryPolicy.withMaxAttempts(3, new SplittableRandom(1));
        assertThat(policy.mayRetryAfter(2)).isTrue();
        assertThat(policy.mayRetryAfter(3)).isFalse();
    }

    @Test
    void deadlineAllowsOnlyWakeUpsBeforeIt() {
        MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");
        Deadline deadline = Deadline.after(Duration.ofSeconds(10), clock);

        assertThat(deadline.allows(clock.instant().plusSeconds(10))).isTrue();
        assertThat(deadline.allows(clock.instant().plusSeconds(11))).isFalse();
        assertThat(deadline.remaining(clock)).isEqualTo(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(12));
        assertThat(deadline.remaining(clock)).isZero();
        assertThat(deadline.isExpired(clock)).isTrue();
        assertThat(Deadline.none().allows(clock.instant().plus(Duration.ofDays(1000)))).isTrue();
        assertThat(Deadline.none().isExpired(clock)).isFalse();
    }
}
