package dev.oktaprov.simulator.ratelimit;

import java.util.concurrent.atomic.AtomicInteger;

/** Org-wide limit on /api requests in flight at once. */
public final class ConcurrencyLimiter {

    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile int limit;

    public ConcurrencyLimiter(int limit) {
        setLimit(limit);
    }

    /** True when the request may proceed; the caller must then {@link #release()} it. */
    public boolean tryAcquire() {
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    public void release() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int limit() {
        return limit;
    }

    public void setLimit(int newLimit) {
        if (newLimit < 1) {
            throw new IllegalArgumentException("concurrency limit must be at least 1");
        }
        this.limit = newLimit;
    }
}
