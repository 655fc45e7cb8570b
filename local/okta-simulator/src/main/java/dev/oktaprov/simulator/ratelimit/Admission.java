package dev.oktaprov.simulator.ratelimit;

import java.time.Instant;

/**
 * The rate-limit state a response reports in its X-Rate-Limit-* headers.
 *
 * @param allowed false when the request is over the limit (429)
 * @param windowEnd when the bucket's current window ends, on the simulator's clock
 */
public record Admission(boolean allowed, int limit, int remaining, Instant windowEnd) {
}
