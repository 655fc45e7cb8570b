package dev.oktaprov.local.onboard;

import java.time.Duration;

/**
 * Where an onboarding run stands.
 *
 * @param sent messages sent (the run's total)
 * @param created users created; -1 when the source cannot tell created from already existing
 * @param alreadyExisted users that already existed; -1 likewise
 * @param succeeded created + already existed
 * @param failed messages in the DLQ (sent there by the function, or moved there by SQS redrive)
 * @param rateLimitWait time the function spent waiting for Okta's rate-limit resets; null when unknown
 * @param elapsed since the first message was sent
 */
public record Tally(int sent, long created, long alreadyExisted, long succeeded, long failed, Duration rateLimitWait,
        Duration elapsed) {

    public static final long UNKNOWN = -1;

    /** Messages with an outcome, at most {@code sent}. */
    public long done() {
        return Math.min(sent, succeeded + failed);
    }

    public boolean distinguishesExisting() {
        return created != UNKNOWN;
    }

    /** Outcomes per minute so far. */
    public double perMinute() {
        double minutes = elapsed.toMillis() / 60_000.0;
        return minutes <= 0 ? 0 : done() / minutes;
    }

    /** Time left at the pace so far; null before there is a pace. */
    public Duration eta() {
        long done = done();
        if (done == 0 || elapsed.isZero()) {
            return null;
        }
        double millisEach = (double) elapsed.toMillis() / done;
        return Duration.ofMillis(Math.round(millisEach * (sent - done)));
    }
}
