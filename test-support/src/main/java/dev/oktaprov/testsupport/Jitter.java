package dev.oktaprov.testsupport;

import java.util.random.RandomGenerator;

/**
 * Random numbers pinned to one end of their range, so that a jittered wait is exactly its floor
 * ({@link #lowest()}) or its ceiling ({@link #highest()}) and a test can assert it to the millisecond.
 */
public final class Jitter {

    private Jitter() {
    }

    /** Every bounded draw is its origin: 0 for {@code nextLong(bound)}. */
    public static RandomGenerator lowest() {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return 0;
            }

            @Override
            public long nextLong(long origin, long bound) {
                return origin;
            }
        };
    }

    /** Every bounded draw is its largest value: {@code bound - 1} for {@code nextLong(bound)}. */
    public static RandomGenerator highest() {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return Long.MAX_VALUE;
            }

            @Override
            public long nextLong(long bound) {
                return bound - 1;
            }

            @Override
            public long nextLong(long origin, long bound) {
                return bound - 1;
            }
        };
    }
}
