package dev.oktaprov.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The moment after which a caller no longer wants an answer, e.g. a Lambda's remaining time minus a
 * safety margin. The client never sleeps past it: it fails with a retry-after instead.
 */
public final class Deadline {

    private static final Deadline NONE = new Deadline(Instant.MAX);

    private final Instant at;

    private Deadline(Instant at) {
        this.at = Objects.requireNonNull(at, "at");
    }

    public static Deadline at(Instant at) {
        return new Deadline(at);
    }

    public static Deadline after(Duration duration, Clock clock) {
        return new Deadline(clock.instant().plus(duration));
    }

    /** No deadline: waits as long as the retry policy allows. For local tools and tests. */
    public static Deadline none() {
        return NONE;
    }

    public boolean isNone() {
        return at.equals(Instant.MAX);
    }

    /** Time left, never negative; a very long duration for {@link #none()}. */
    public Duration remaining(Clock clock) {
        if (isNone()) {
            return Duration.ofDays(365);
        }
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Whether something that would wake up at {@code wakeUp} still finishes within the deadline. */
    public boolean allows(Instant wakeUp) {
        return isNone() || !wakeUp.isAfter(at);
    }

    @Override
    public String toString() {
        return isNone() ? "Deadline.none" : "Deadline.at(" + at + ")";
    }
}
