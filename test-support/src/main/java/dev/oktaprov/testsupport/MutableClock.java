package dev.oktaprov.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock tests move by hand. {@code clock::advance} is a sleeper that never sleeps: it records
 * each wait (see {@link #advances()}) and moves time forward by it.
 */
public final class MutableClock extends Clock {

    private Instant now;
    private final List<Duration> advances = new ArrayList<>();

    public MutableClock(Instant start) {
        this.now = start;
    }

    public static MutableClock at(String isoInstant) {
        return new MutableClock(Instant.parse(isoInstant));
    }

    public synchronized void advance(Duration duration) {
        advances.add(duration);
        now = now.plus(duration);
    }

    /** Moves time on to {@code instant}; an instant not after now leaves time where it is. */
    public synchronized void advanceTo(Instant instant) {
        if (instant.isAfter(now)) {
            now = instant;
        }
    }

    public synchronized void set(Instant instant) {
        now = instant;
    }

    /** Every {@link #advance} so far, in order: the waits a client asked for. */
    public synchronized List<Duration> advances() {
        return List.copyOf(advances);
    }

    public synchronized Duration totalAdvanced() {
        return advances.stream().reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
