package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.testsupport.Jitter;
import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    /** Always draws the largest value allowed: shows the ceiling itself. */
    private static final RandomGenerator HIGHEST = Jitter.highest();

    @Test
    void theCeilingDoublesWithEachReceiveUpToTheMaximum() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(60), Duration.ofSeconds(600), HIGHEST);

        assertThat(IntStream.rangeClosed(1, 6).mapToObj(backoff::after).map(Duration::toSeconds))
                .containsExactly(60L, 120L, 240L, 480L, 600L, 600L);
        assertThat(backoff.after(1000)).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void neverLongerThanSqsAllows() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofHours(12), Duration.ofHours(12), HIGHEST);

        assertThat(backoff.after(20)).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void fullJitterSpreadsMessagesThatFailedTogetherOverTheWholeRange() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(60), Duration.ofSeconds(3600), new Random(42));

        var delays = IntStream.range(0, 2000).mapToObj(i -> backoff.after(3).toSeconds()).toList();

        assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(0L, 240L));
        assertThat(delays.stream().filter(d -> d < 60).count()).isGreaterThan(300);
        assertThat(delays.stream().filter(d -> d > 180).count()).isGreaterThan(300);
    }

    @Test
    void theLeastJitterRetriesAtOnce() {
        assertThat(new RetryBackoff(Duration.ofSeconds(60), Duration.ofSeconds(3600), Jitter.lowest()).after(3)).isZero();
    }

    @Test
    void aZeroBaseRetriesAtOnce() {
        assertThat(new RetryBackoff(Duration.ZERO, Duration.ZERO, HIGHEST).after(3)).isZero();
    }
}
