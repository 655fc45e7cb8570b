package dev.oktaprov.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Okta's rate-limit headers of one response. Any of them may be absent; {@code limit == 0} marks a
 * concurrency 429 rather than a bucket.
 *
 * @param resetEpochSeconds {@code X-Rate-Limit-Reset}, UTC epoch seconds
 * @param serverDate the response's {@code Date}: the reset is measured against the server's clock
 */
public record RateLimitHeaders(Long limit, Long remaining, Long resetEpochSeconds, Instant serverDate) {

    public static final RateLimitHeaders NONE = new RateLimitHeaders(null, null, null, null);

    /**
     * The furthest a reset is believed to be: Okta's windows last a minute. A header naming a later
     * instant (or year 318857, or one past what {@link Instant} holds) is read as this long.
     */
    public static final Duration LONGEST_RESET = Duration.ofHours(1);

    /** Reads the headers through {@code header}, which answers a header's first value by name. */
    public static RateLimitHeaders from(Function<String, Optional<String>> header) {
        return new RateLimitHeaders(
                number(header.apply("X-Rate-Limit-Limit")),
                number(header.apply("X-Rate-Limit-Remaining")),
                number(header.apply("X-Rate-Limit-Reset")),
                header.apply("Date").flatMap(RateLimitHeaders::httpDate).orElse(null));
    }

    /**
     * How long until the reset by the server's clock (its {@code Date}, else {@code receivedAt}),
     * between zero (a reset in the past) and {@link #LONGEST_RESET}; empty without a reset header.
     */
    public Optional<Duration> untilReset(Instant receivedAt) {
        if (resetEpochSeconds == null) {
            return Optional.empty();
        }
        Instant serverNow = serverDate != null ? serverDate : receivedAt;
        long now = serverNow.getEpochSecond();
        if (resetEpochSeconds <= now) {
            return Optional.of(Duration.ZERO);
        }
        // Compared before any Instant is made: Instant.ofEpochSecond throws past year 1,000,000,000.
        if (resetEpochSeconds >= now + LONGEST_RESET.getSeconds()) {
            return Optional.of(LONGEST_RESET);
        }
        return Optional.of(Duration.between(serverNow, Instant.ofEpochSecond(resetEpochSeconds)));
    }

    public boolean describesBucket() {
        return limit != null && remaining != null && resetEpochSeconds != null && limit > 0;
    }

    public boolean isConcurrencyLimit() {
        return limit != null && limit == 0;
    }

    private static Long number(Optional<String> value) {
        try {
            return value.map(String::trim).map(Long::parseLong).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
