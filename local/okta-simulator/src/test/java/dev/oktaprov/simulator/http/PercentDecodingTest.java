package dev.oktaprov.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one percent-decoder of the simulator and the local runner's HTTP API. */
class PercentDecodingTest {

    @Test
    void escapesAreUtf8BytesAndPlusSignsStay() {
        assertThat(PercentDecoding.decode("a+b%20c%2Fd%E2%9C%93%zz")).isEqualTo("a+b c/d✓%zz");
        assertThat(PercentDecoding.decode("sam+test%40example.com")).isEqualTo("sam+test@example.com");
        assertThat(PercentDecoding.decode("profile.login+eq+%22x%22")).isEqualTo("profile.login+eq+\"x\"");
    }

    @Test
    void malformedEscapesAndLiteralCharactersAreKeptAsWritten() {
        assertThat(PercentDecoding.decode("%")).isEqualTo("%");
        assertThat(PercentDecoding.decode("100%2")).isEqualTo("100%2");
        assertThat(PercentDecoding.decode("%g1%1g%٣٣")).isEqualTo("%g1%1g%٣٣");
        assertThat(PercentDecoding.decode("%41")).isEqualTo("A");
        assertThat(PercentDecoding.decode("zoë\uD83D\uDE80%20x")).isEqualTo("zoë\uD83D\uDE80 x");
        assertThat(PercentDecoding.decode("no escapes")).isEqualTo("no escapes");
    }
}
