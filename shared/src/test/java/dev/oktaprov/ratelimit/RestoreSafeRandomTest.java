package dev.oktaprov.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.ratelimit.RetryPolicy;
import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The jitter's randomness holds nothing a SnapStart snapshot could copy: made during init, it has
 * drawn nothing and been seeded by nothing until the first backoff asks for a number.
 */
class RestoreSafeRandomTest {

    @Test
    void holdsNoGeneratorUntilItsFirstDraw() {
        RestoreSafeRandom random = new RestoreSafeRandom();
        RetryPolicy policy = RetryPolicy.withMaxAttempts(5, random);

        assertThat(random.hasDrawn()).as("built like in init, nothing drawn yet").isFalse();
        assertThat(random).as("printed in init's logs without a draw").hasToString("RestoreSafeRandom");
        assertThat(random.hasDrawn()).isFalse();
        Duration pause = policy.backoffAfter(3);

        assertThat(random.hasDrawn()).isTrue();
        assertThat(pause).isBetween(Duration.ofMillis(1200), Duration.ofMillis(2400));
    }

    @Test
    void twoEnvironmentsDrawDifferentJitter() {
        // What two environments restored from one snapshot each make of their own generator.
        long[] first = LongStream.generate(new RestoreSafeRandom()::nextLong).limit(4).toArray();
        long[] second = LongStream.generate(new RestoreSafeRandom()::nextLong).limit(4).toArray();

        assertThat(first).isNotEqualTo(second);
    }
}
