package dev.oktaprov.okta;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shortcut for Okta's usual shape is judged by the JDK's own parse and print of every text. */
class IsoTimestampsTest {

    private static String throughInstant(String text) {
        Instant instant = OktaJson.instant(text);
        return instant == null ? null : instant.toString();
    }

    @Test
    void oktasShapeAndEveryOtherAreShownAsInstantShowsThem() {
        List<String> texts = List.of("2026-01-05T09:59:58.000Z", "2026-01-05T09:59:58.120Z", "2026-01-05T09:59:58Z",
                "2024-02-29T00:00:00.000Z", "2026-02-29T00:00:00.000Z", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-01-05T24:00:00Z", "2026-01-05T23:60:00Z", "2016-12-31T23:59:60Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999Z", "2026-01-05T09:59:58.1Z", "2026-01-05T09:59:58.123456789Z",
                "2026-01-05T10:00:00.000+01:00", "2026-01-05t09:59:58Z", "2026-01-05T09:59:58.000z", "", " ",
                "yesterday", "2026-1-05T09:59:58Z", "+12026-01-05T09:59:58Z", "2026-01-05T09:59:5aZ");
        for (String text : texts) {
            assertThat(IsoTimestamps.normalized(text)).as(text).isEqualTo(throughInstant(text));
        }
        assertThat(IsoTimestamps.normalized(null)).isNull();
    }

    @Test
    void randomTimestampsOfOktasShapeAgree() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s", random.nextInt(10_000), random.nextInt(14),
                    random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62),
                    random.nextBoolean() ? "Z" : String.format(".%03dZ", random.nextInt(4) == 0 ? 0 : random.nextInt(1000)));
            assertThat(IsoTimestamps.normalized(text)).as(text).isEqualTo(throughInstant(text));
        }
    }
}
