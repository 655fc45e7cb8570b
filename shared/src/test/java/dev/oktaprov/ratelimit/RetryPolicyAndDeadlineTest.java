package dev.oktaprov.ratelimit;

import dev.oktaprov.time.Deadline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(Deadline.none().allows(clock.instant().plus(Duration.ofDays(1000)))).isTrue();
    }

    @Test
    void atLeastOneAttemptIsRequired() {
        assertThatThrownBy(() -> RetryPolicy.withMaxAttempts(0, Jitter.highest())).hasMessage("maxAttempts must be at least 1");
        RetryPolicy once = RetryPolicy.withMaxAttempts(1, Jitter.highest());
        assertThat(once.maxAttempts()).isEqualTo(1);
        assertThat(once.mayRetryAfter(1)).isFalse();
    }

    @Test
    void aBaseDelayTooShortToHalveMeansNoPause() {
        RetryPolicy instant = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1), Jitter.highest());

        assertThat(instant.backoffAfter(1)).isZero();
    }

    @Test
    void aDeadlineAtTheEndOfTimeIsNone() {
        MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");
        Deadline endOfTime = Deadline.at(java.time.Instant.MAX);

        assertThat(endOfTime.isNone()).isTrue();
        assertThat(endOfTime.remaining(clock)).isEqualTo(Duration.ofDays(365));
        assertThat(endOfTime.allows(java.time.Instant.MAX)).isTrue();
        assertThat(Deadline.none().remaining(clock)).isEqualTo(Duration.ofDays(365));
        assertThat(Deadline.at(clock.instant().plusSeconds(5)).isNone()).isFalse();
    }

    @Test
    void aDeadlineExpiresAtItsInstantNotBefore() {
        MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");
        Deadline deadline = Deadline.at(clock.instant().plusSeconds(1));

        assertThat(deadline.remaining(clock)).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(deadline.remaining(clock)).isZero();
    }

    @Test
    void deadlinesAreValues() {
        java.time.Instant at = java.time.Instant.parse("2026-01-05T10:00:10Z");

        assertThat(Deadline.at(at)).hasToString("Deadline.at(2026-01-05T10:00:10Z)");
        assertThat(Deadline.none()).hasToString("Deadline.none");
    }
}
