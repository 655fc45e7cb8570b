package dev.oktaprov.bench.throughput;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Users created per minute over whole rate-limit windows, as the onboarding module's own
 * throughput run counts them: from the first create to the first create of the last window (found
 * as the last pause of 20 s or more), so a last, partly filled window does not flatter the figure.
 * Without any pause (everything fit in one window): first to last.
 */
final class SustainedRate {

    static final Duration WINDOW_PAUSE = Duration.ofSeconds(20);

    private SustainedRate() {}

    static double perMinute(List<Instant> createdInOrder) {
        if (createdInOrder.size() < 2) {
            return 0;
        }
        int lastWindowStart = createdInOrder.size() - 1;
        for (int i = createdInOrder.size() - 1; i > 0; i--) {
            if (Duration.between(createdInOrder.get(i - 1), createdInOrder.get(i)).compareTo(WINDOW_PAUSE) >= 0) {
                lastWindowStart = i;
                break;
            }
        }
        double minutes = Math.max(1, Duration.between(createdInOrder.get(0), createdInOrder.get(lastWindowStart)).toMillis())
                / 60_000.0;
        return lastWindowStart / minutes;
    }
}
