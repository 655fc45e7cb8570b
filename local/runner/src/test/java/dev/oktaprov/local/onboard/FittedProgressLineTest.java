package dev.oktaprov.local.onboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FittedProgressLineTest {

    // 124 of 200 done in 21 s: 118 created, 2 existed, 4 failed, no wait for Okta's limit so far.
    private static final Tally MIDWAY = new Tally(200, 118, 2, 120, 4, Duration.ZERO, Duration.ofSeconds(21));

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {80, 100, 120})
    void everyCountShowsBesideTheBarOnAnOrdinaryTerminal(int columns) {
        String line = FittedProgressLine.line(MIDWAY, columns);

        assertThat(line).hasSizeLessThanOrEqualTo(columns)
                .startsWith("124/200 [")
                .contains("] created 118 · existed 2 · failed 4 · rate-limited 0s");
    }

    @Test
    void aWideTerminalShowsTheEtaAndThePaceToo() {
        String line = FittedProgressLine.line(MIDWAY, 160);

        // 124 / 200 of a 40-column bar: 24 full.

        assertThat(line).isEqualTo("124/200 [" + "=".repeat(24) + ">" + " ".repeat(15) + "]"
                + " created 118 · existed 2 · failed 4 · rate-limited 0s · ETA 13s · 354/min");
    }

    @Test
    void onAnEightyColumnTerminalThePaceAndTheEtaGoFirst() {
        assertThat(FittedProgressLine.line(MIDWAY, 80)).endsWith("] created 118 · existed 2 · failed 4 · rate-limited 0s");
    }

    @Test
    void tooNarrowForABarShowsTheCountsWithoutIt() {
        assertThat(FittedProgressLine.line(MIDWAY, 50)).isEqualTo("124/200 created 118 · existed 2 · failed 4");
        assertThat(FittedProgressLine.line(MIDWAY, 20)).isEqualTo("124/200 created 118 ");
    }

    @Test
    void aFinishedRunFillsTheBarAndShowsNoEta() {
        Tally finished = new Tally(200, 187, 4, 191, 9, Duration.ofSeconds(3), Duration.ofSeconds(40));

        assertThat(FittedProgressLine.line(finished, 120))
                .startsWith("200/200 [========================================] created 187")
                .doesNotContain("ETA");
    }

    @Test
    void aSourceThatCannotTellCreatedFromExistingShowsSucceeded() {
        Tally sqsCounts = new Tally(10, Tally.UNKNOWN, Tally.UNKNOWN, 10, 0, null, Duration.ofSeconds(2));

        assertThat(FittedProgressLine.line(sqsCounts, 80)).endsWith("] succeeded 10 · failed 0 · 300/min");
    }
}
