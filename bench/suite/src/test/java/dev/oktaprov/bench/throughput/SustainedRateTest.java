package dev.oktaprov.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SustainedRateTest {

    /** {@code perWindow} creates in the first second of each 61 s cycle (a 60 s window and the client's 1 s margin). */
    private static List<Instant> windows(int windows, int perWindow) {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<Instant> created = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            for (int i = 0; i < perWindow; i++) {
                created.add(start.plusSeconds(61L * w).plusMillis(i * 1000L / perWindow));
            }
        }
        return created;
    }

    @Test
    void countsWholeWindowsOnlySoTheLastBurstDoesNotFlatterTheRate() {
        // 300 per window, windows every 61 s: 300 per 61 s, not the 900 in ~123 s a first-to-last count gives.
        assertThat(SustainedRate.perMinute(windows(3, 300))).isCloseTo(300 * 60.0 / 61, within(1.0));
    }

    @Test
    void aRunThatFitsOneWindowIsMeasuredFirstToLast() {
        // 60 creates a 60th of a second apart: 59 intervals in 59/60 s, 3,600 a minute.
        assertThat(SustainedRate.perMinute(windows(1, 60))).isCloseTo(3600, within(5.0));
    }
}
