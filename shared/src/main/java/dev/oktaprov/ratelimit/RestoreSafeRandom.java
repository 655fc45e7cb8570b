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

    private volatile SecureRandom generator;

    @Override
    public long nextLong() {
        return generator().nextLong();
    }

    private SecureRandom generator() {
        SecureRandom made = generator;
        if (made == null) {
            synchronized (this) {
                made = generator;
                if (made == null) {
                    made = new SecureRandom();
                    generator = made;
                }
            }
        }
        return made;
    }

    /** Whether anything has been drawn yet: nothing may be before the first request. */
    boolean hasDrawn() {
        return generator != null;
    }

    @Override
    public String toString() {
        return "RestoreSafeRandom";
    }
}
