package dev.oktaprov.simulator.ratelimit;

import dev.oktaprov.simulator.RateLimitBucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Per-bucket request counting in fixed windows (Okta's are 60 seconds) that start at the first
 * request of the window (not aligned to the minute, like Okta's).
 */
public final class RateLimiter {

    private final Clock clock;
    private final Duration window;
    private final Map<RateLimitBucket, Window> windows = new EnumMap<>(RateLimitBucket.class);

    public RateLimiter(Clock clock, Duration window, Map<RateLimitBucket, Integer> limits) {
        this.clock = clock;
        this.window = window;
        for (RateLimitBucket bucket : RateLimitBucket.values()) {
            windows.put(bucket, new Window(limits.getOrDefault(bucket, bucket.defaultPerMinute())));
        }
    }

    /** Counts one request against the bucket. */
    public Admission admit(RateLimitBucket bucket) {
        return windows.get(bucket).admit(clock.instant());
    }

    /** The bucket's state without counting a request (for answers that do not consume budget, e.g. 401). */
    public Admission peek(RateLimitBucket bucket) {
        return windows.get(bucket).peek(clock.instant());
    }

    public void setLimit(RateLimitBucket bucket, int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        windows.get(bucket).setLimit(perMinute);
    }

    public int limit(RateLimitBucket bucket) {
        return windows.get(bucket).limit();
    }

    public Map<RateLimitBucket, Integer> limits() {
        Map<RateLimitBucket, Integer> limits = new EnumMap<>(RateLimitBucket.class);
        windows.forEach((bucket, window) -> limits.put(bucket, window.limit()));
        return limits;
    }

    /** Forgets every window and puts the limits back to {@code limits}. */
    public void reset(Map<RateLimitBucket, Integer> limits) {
        windows.forEach((bucket, window) -> window.reset(limits.getOrDefault(bucket, bucket.defaultPerMinute())));
    }

    private final class Window {
        private int limit;
        private Instant start;
        private int count;

        Window(int limit) {
            this.limit = limit;
        }

        synchronized Admission admit(Instant now) {
            roll(now);
            if (start == null) {
                start = now;
            }
            count++;
            boolean allowed = count <= limit;
            return new Admission(allowed, limit, Math.max(0, limit - count), start.plus(window));
        }

        synchronized Admission peek(Instant now) {
            roll(now);
            Instant end = start == null ? now.plus(window) : start.plus(window);
            return new Admission(count < limit, limit, Math.max(0, limit - count), end);
        }

        synchronized void setLimit(int perMinute) {
            limit = perMinute;
        }

        synchronized int limit() {
            return limit;
        }

        synchronized void reset(int perMinute) {
            limit = perMinute;
            start = null;
            count = 0;
        }

        private void roll(Instant now) {
            if (start != null && !now.isBefore(start.plus(window))) {
                start = null;
                count = 0;
            }
        }
    }
}
