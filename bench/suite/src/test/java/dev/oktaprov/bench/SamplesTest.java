package dev.oktaprov.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void medianOfOddAndEvenCountsAndTheSpread() {
        assertThat(Samples.of(List.of(5, 1, 3)).median()).isEqualTo(3);
        assertThat(Samples.of(List.of(4, 1, 3, 2)).median()).isEqualTo(2.5);
        Samples s = Samples.of(List.of(10, 30, 20));
        assertThat(s.min()).isEqualTo(10);
        assertThat(s.max()).isEqualTo(30);
        assertThat(s.percentile(90)).isEqualTo(30);
    }

    @Test
    void noSamplesIsNotANumberRatherThanZero() {
        assertThat(Samples.of(List.of()).median()).isNaN();
        assertThat(Samples.of(List.of()).isEmpty()).isTrue();
    }
}
