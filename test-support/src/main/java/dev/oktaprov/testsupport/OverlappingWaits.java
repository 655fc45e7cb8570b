package dev.oktaprov.testsupport;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link MutableClock} as seen by several threads that wait at once: their waits overlap, as in
 * real time. A thread's wait ends at the instant that thread last read plus the wait, and moves the
 * clock only past where other waits already moved it. ({@code clock::advance} adds waits up: four
 * workers waiting for the same rate-limit reset would move time four windows on, not one.)
 *
 * <p>A wait also lets every request sent through {@link #calls(HttpClient)} finish first, and holds
 * new ones back while it moves the clock: in real time no request is half-way through a server while
 * another thread's sleep passes, so a server on the {@link MutableClock} (the Okta simulator) never
 * admits a request in one rate-limit window and answers it from the next.
 *
 * <p>Give the code under test this clock, {@code waits::sleep} as its sleeper and its HTTP client
 * through {@link #calls}; the server keeps the {@link MutableClock} itself.
 */
public final class OverlappingWaits extends Clock {

    private final MutableClock clock;
    private final ThreadLocal<Instant> lastRead = new ThreadLocal<>();
    private final ReadWriteLock requestsAndWaits = new ReentrantReadWriteLock();

    public OverlappingWaits(MutableClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Instant instant() {
        Instant now = clock.instant();
        lastRead.set(now);
        return now;
    }

    /**
     * A sleeper that never sleeps: once no request is in flight, the clock moves on to the end of
     * this thread's wait, if no other wait took it further.
     */
    public void sleep(Duration duration) {
        Instant from = lastRead.get();
        requestsAndWaits.writeLock().lock();
        try {
            clock.advanceTo((from != null ? from : clock.instant()).plus(duration));
        } finally {
            requestsAndWaits.writeLock().unlock();
        }
    }

    /** {@code http}, its requests never in flight while a wait moves the clock (synchronous sends only). */
    public HttpClient calls(HttpClient http) {
        return new ForwardingHttpClient(http) {
            @Override
            public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
                    throws IOException, InterruptedException {
                requestsAndWaits.readLock().lock();
                try {
                    return delegate.send(request, handler);
                } finally {
                    requestsAndWaits.readLock().unlock();
                }
            }
        };
    }

    @Override
    public ZoneId getZone() {
        return clock.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
