package dev.oktaprov.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a response's rate-limit headers say about its bucket: a window, a concurrency 429, or nothing. */
class RateLimitHeadersTest {

    private static final Instant DATE = Instant.parse("2026-01-05T10:00:00Z");

    @Test
    void aBucketNeedsItsLimitRemainingAndResetAndAPositiveLimit() {
        assertThat(new RateLimitHeaders(600L, 12L, 1767607260L, DATE).describesBucket()).isTrue();
        assertThat(new RateLimitHeaders(null, 12L, 1767607260L, DATE).describesBucket()).as("no limit").isFalse();
        assertThat(new RateLimitHeaders(600L, null, 1767607260L, DATE).describesBucket()).as("no remaining").isFalse();
        assertThat(new RateLimitHeaders(600L, 12L, null, DATE).describesBucket()).as("no reset").isFalse();
        assertThat(new RateLimitHeaders(0L, 0L, 1767607260L, DATE).describesBucket()).as("limit 0").isFalse();
        assertThat(new RateLimitHeaders(600L, 12L, 1767607260L, null).describesBucket()).as("a Date is not needed").isTrue();
    }

    @Test
    void onlyALimitOfZeroMarksAConcurrency429() {
        assertThat(new RateLimitHeaders(0L, 0L, 1767607260L, DATE).isConcurrencyLimit()).isTrue();
        assertThat(new RateLimitHeaders(1L, 0L, 1767607260L, DATE).isConcurrencyLimit()).isFalse();
        assertThat(RateLimitHeaders.NONE.isConcurrencyLimit()).isFalse();
    }

    @Test
    void unreadableValuesCountAsAbsent() {
        RateLimitHeaders read = RateLimitHeaders.from(header(Map.of(
                "X-Rate-Limit-Limit", "six hundred",
                "X-Rate-Limit-Remaining", "",
                "X-Rate-Limit-Reset", " 1767607260 ",
                "Date", "yesterday")));

        assertThat(read).isEqualTo(new RateLimitHeaders(null, null, 1767607260L, null));
        assertThat(RateLimitHeaders.from(header(Map.of()))).isEqualTo(RateLimitHeaders.NONE);
    }

    private static java.util.function.Function<String, Optional<String>> header(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }

    @Test
    void withoutADateTheResetIsMeasuredFromReceiptAndNeverNegativeNorPastAnHour() {
        Instant receivedHalfASecondIn = DATE.plusMillis(500);
        long now = DATE.getEpochSecond();

        assertThat(new RateLimitHeaders(600L, 0L, now, null).untilReset(receivedHalfASecondIn)).contains(Duration.ZERO);
        assertThat(new RateLimitHeaders(600L, 0L, now - 5, null).untilReset(receivedHalfASecondIn)).contains(Duration.ZERO);
        assertThat(new RateLimitHeaders(600L, 0L, now + 3600, null).untilReset(receivedHalfASecondIn))
                .contains(RateLimitHeaders.LONGEST_RESET);
        assertThat(new RateLimitHeaders(600L, 0L, now + 7200, null).untilReset(receivedHalfASecondIn))
                .contains(RateLimitHeaders.LONGEST_RESET);
        assertThat(new RateLimitHeaders(600L, 0L, now + 30, null).untilReset(receivedHalfASecondIn))
                .contains(Duration.ofMillis(29_500));
    }
}
