package dev.oktaprov.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When the function's keys are fetched again: before they expire, with the margin to spare. */
class AwsCredentialsTest {

    private static final Instant EXPIRY = Instant.parse("2026-01-05T11:00:00Z");
    private static final Duration MARGIN = Duration.ofMinutes(5);

    @Test
    void keysFromTheEnvironmentNeverExpire() {
        assertThat(AwsCredentials.of("AKID", "secret", null).usableAt(Instant.MAX.minus(MARGIN), MARGIN)).isTrue();
    }

    @Test
    void expiringKeysAreUsableOnlyWhileTheMarginIsLeft() {
        AwsCredentials keys = new AwsCredentials("ASIA", "secret", "token", EXPIRY);

        assertThat(keys.usableAt(EXPIRY.minus(MARGIN).minusSeconds(1), MARGIN)).isTrue();
        assertThat(keys.usableAt(EXPIRY.minus(MARGIN), MARGIN)).isFalse();
        assertThat(keys.usableAt(EXPIRY.plusSeconds(1), MARGIN)).isFalse();
    }
}
