package dev.oktaprov.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.testsupport.Jitter;
import dev.oktaprov.testsupport.MutableClock;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyAndDeadlineTest {

    @Test
    void backoffDoublesFrom600MsUpTo20sWithAtMostHalfOfItJittered() {
        RetryPolicy leastJitter = RetryPolicy.withMaxAttempts(5, Jitter.lowest());
        RetryPolicy mostJitter = RetryPolicy.withMaxAttempts(5, Jitter.highest());
        long[] ceilings = {600, 1_200, 2_400, 4_800, 9_600, 19_200, 20_000, 20_000, 20_000, 20_000};
        for (int attempt = 1; attempt <= ceilings.length; attempt++) {
            long ceiling = ceilings[attempt - 1];
            assertThat(leastJitter.backoffAfter(attempt)).as("after attempt %d, least", attempt).isEqualTo(Duration.ofMillis(ceiling / 2));
            assertThat(mostJitter.backoffAfter(attempt)).as("after attempt %d, most", attempt).isEqualTo(Duration.ofMillis(ceiling));
        }
        assertThat(mostJitter.backoffAfter(0)).as("no attempt yet counts as the first").isEqualTo(Duration.ofMillis(600));
        assertThat(mostJitter.backoffAfter(1_000)).as("a huge attempt count stays at the cap").isEqualTo(Duration.ofSeconds(20));
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
