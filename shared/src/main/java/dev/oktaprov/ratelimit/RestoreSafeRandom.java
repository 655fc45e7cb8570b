package dev.oktaprov.ratelimit;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Randomness (the retry jitter) that a SnapStart snapshot cannot freeze. A {@link java.util.Random}
 * made during init is copied, seed and all, into every environment restored from the snapshot, so
 * every one of them would draw the same "random" backoffs and retry in step. This one holds nothing
 * until its first draw, which happens while serving a request, after any restore; what it makes then
 * is a {@link SecureRandom}, which takes fresh entropy from the operating system. Thread-safe.
 */
public final class RestoreSafeRandom implements RandomGenerator {

    private SecureRandom generator;

    // Drawn only for a retry's jitter: a lock costs nothing next to the wait it decides.
    @Override
    public synchronized long nextLong() {
        if (generator == null) {
            generator = new SecureRandom();
        }
        return generator.nextLong();
    }

    /** Whether anything has been drawn yet: nothing may be before the first request. */
    synchronized boolean hasDrawn() {
        return generator != null;
    }

    @Override
    public String toString() {
        return "RestoreSafeRandom";
    }
}
