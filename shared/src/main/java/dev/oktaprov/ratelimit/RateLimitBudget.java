package dev.oktaprov.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What this client may still spend of each Okta rate-limit bucket in the current window.
 *
 * <p>One instance is shared by every thread of one client: each request first {@link #reserve
 * reserves} a unit, so N parallel workers together stay within {@code sharePercent} of the bucket
 * (Okta lets one token use only part of a bucket; Terraform calls this {@code max_api_capacity}).
 * Every response then {@link #record records} Okta's own count. Reset times are translated from the
 * server's clock (its {@code Date} header) into ours, so a skewed local clock does not matter.
 */
public final class RateLimitBudget {

    /** Okta's reset is in whole seconds and clocks differ: like Okta's SDKs, wait one second more. */
    private static final Duration RESET_MARGIN = Duration.ofSeconds(1);

    private final int sharePercent;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new HashMap<>();

    public RateLimitBudget(int sharePercent, Clock clock) {
        if (sharePercent < 1 || sharePercent > 100) {
            throw new IllegalArgumentException("sharePercent must be 1-100, was " + sharePercent);
        }
        this.sharePercent = sharePercent;
        this.clock = clock;
    }

    /** A bucket's state as last known. */
    public record BucketState(long limit, long remaining, long allowed, Instant resetsAt) {}

    /**
     * Takes one request from {@code bucket} if this client's share allows it and answers
     * {@link Duration#ZERO}; otherwise takes nothing and answers how long to wait for the reset.
     */
    public synchronized Duration reserve(String bucket) {
        Bucket state = buckets.get(bucket);
        if (state == null) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        if (!now.isBefore(state.resetsAt)) {
            // A new window started; the next response tells us its numbers.
            buckets.remove(bucket);
            return Duration.ZERO;
        }
        if (state.limit - state.remaining < allowed(state.limit)) {
            buckets.put(bucket, state.withCount(state.limit, state.remaining - 1));
            return Duration.ZERO;
        }
        return Duration.between(now, state.resetsAt).plus(RESET_MARGIN);
    }

    /** Updates {@code bucket} from a response's headers, received at {@code receivedAt} on our clock. */
    public synchronized void record(String bucket, RateLimitHeaders headers, Instant receivedAt) {
        if (!headers.describesBucket()) {
            return;
        }
        Instant resetsAt = toLocal(headers, receivedAt);
        Bucket state = buckets.get(bucket);
        if (state == null || headers.resetEpochSeconds() > state.resetEpochSeconds) {
            buckets.put(bucket, new Bucket(headers.limit(), headers.remaining(), headers.resetEpochSeconds(), resetsAt));
        } else if (headers.resetEpochSeconds() == state.resetEpochSeconds) {
            // Answers to parallel requests arrive out of order: the lowest count is the freshest.
            buckets.put(bucket, state.withCount(headers.limit(), Math.min(state.remaining, headers.remaining())));
        }
        // An answer from an older window arriving late says nothing about the current one.
    }

    /**
     * How long to wait after a 429 before trying again: until the bucket's reset by the server's
     * clock, plus one second. Empty for a concurrency 429 ({@code Limit: 0}) or one without headers:
     * those carry no reliable reset, and the caller backs off instead.
     */
    public synchronized Optional<Duration> waitAfterTooManyRequests(String bucket, RateLimitHeaders headers, Instant receivedAt) {
        if (headers.isConcurrencyLimit() || headers.resetEpochSeconds() == null) {
            return Optional.empty();
        }
        Instant resetsAt = toLocal(headers, receivedAt);
        if (headers.limit() != null && headers.limit() > 0) {
            buckets.put(bucket, new Bucket(headers.limit(), 0, headers.resetEpochSeconds(), resetsAt));
        }
        // untilReset is never negative: the wait is at least the margin.
        return Optional.of(Duration.between(receivedAt, resetsAt).plus(RESET_MARGIN));
    }

    public synchronized Optional<BucketState> state(String bucket) {
        Bucket b = buckets.get(bucket);
        return b == null ? Optional.empty()
                : Optional.of(new BucketState(b.limit, b.remaining, allowed(b.limit), b.resetsAt));
    }

    /**
     * This client's part of a window of {@code limit} requests: the share rounded down to whole
     * requests, so spending it never takes more than the share (7 at 50 % is 3, not 4). A share of
     * less than one request (limit × share below 100) is one request a window: the request that
     * learns a new window's numbers goes out after every reset, whatever the share.
     */
    private long allowed(long limit) {
        return Math.max(1, Math.floorDiv(limit * sharePercent, 100));
    }

    /** The reset on our clock: the server's time to it (clamped, see RateLimitHeaders) after we received it. */
    private static Instant toLocal(RateLimitHeaders headers, Instant receivedAt) {
        return receivedAt.plus(headers.untilReset(receivedAt).orElse(Duration.ZERO));
    }

    private record Bucket(long limit, long remaining, long resetEpochSeconds, Instant resetsAt) {
        Bucket withCount(long newLimit, long newRemaining) {
            return new Bucket(newLimit, newRemaining, resetEpochSeconds, resetsAt);
        }
    }
}
