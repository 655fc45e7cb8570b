package dev.oktaprov.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktaprov.errors.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentReaderTest {

    @Test
    void everyProblemIsReportedAtOnceNamingItsVariable() {
        EnvironmentReader read = new EnvironmentReader(Map.of("A", "eleven", "B", "0", "C", "50", "D", "forever"));

        assertThat(read.integer("A", 5, 1, 10)).isEqualTo(5);
        assertThat(read.integer("B", 5, 1, 10)).isEqualTo(5);
        assertThat(read.percent("C", 100, 1, 40)).isEqualTo(100);
        assertThat(read.millis("D", Duration.ofSeconds(3), 100, 900_000)).isEqualTo(Duration.ofSeconds(3));
        read.problem("E and F contradict each other");

        assertThatThrownBy(read::check).isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid configuration: A must be a whole number 1-10; B must be 1-10, was 0; C must be 1-40, was 50;"
                        + " D must be a whole number of milliseconds, 100-900000; E and F contradict each other");
    }

    @Test
    void valuesAreStrippedBlankIsUnsetAndTheFirstNameSetWins() {
        EnvironmentReader read = new EnvironmentReader(Map.of("A", "  7 ", "B", "   ", "C", " 25 % ", "D", "1500",
                "E", "TRUE", "F", " x "));

        assertThat(read.integer("A", 5, 1, 10)).isEqualTo(7);
        assertThat(read.integer("B", 5, 1, 10)).isEqualTo(5);
        assertThat(read.percent("C", 100, 1, 100)).isEqualTo(25);
        assertThat(read.millis("D", Duration.ZERO, 100, 900_000)).isEqualTo(Duration.ofMillis(1500));
        assertThat(read.flag("E")).isTrue();
        assertThat(read.flag("F")).isFalse();
        assertThat(read.text("B", "F", "A")).isEqualTo("x");
        assertThat(read.text("unset")).isNull();
        read.check();
    }
}
