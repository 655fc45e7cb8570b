package dev.oktaprov.simulator;

import java.util.Map;

/**
 * What the simulator has served since start or the last reset.
 *
 * @param requests /api requests received per bucket (every one, whatever its answer)
 * @param rateLimited 429 E0000047 answers per bucket (over the per-minute limit)
 * @param concurrencyRejected 429 answers for the concurrency limit
 * @param usersCreated users created through POST /api/v1/users (lost answers included, seeds not)
 * @param faults faults injected, per kind
 */
public record SimulatorCounters(
        Map<RateLimitBucket, Long> requests,
        Map<RateLimitBucket, Long> rateLimited,
        long concurrencyRejected,
        long usersCreated,
        Map<Fault, Long> faults) {

    public SimulatorCounters {
        requests = Map.copyOf(requests);
        rateLimited = Map.copyOf(rateLimited);
        faults = Map.copyOf(faults);
    }

    public long requests(RateLimitBucket bucket) {
        return requests.getOrDefault(bucket, 0L);
    }

    public long totalRequests() {
        return requests.values().stream().mapToLong(Long::longValue).sum();
    }

    public long rateLimited(RateLimitBucket bucket) {
        return rateLimited.getOrDefault(bucket, 0L);
    }

    /** Every 429 served: over a per-minute limit or over the concurrency limit. */
    public long tooManyRequests() {
        return rateLimited.values().stream().mapToLong(Long::longValue).sum() + concurrencyRejected;
    }

    public long faults(Fault fault) {
        return faults.getOrDefault(fault, 0L);
    }

    public long totalFaults() {
        return faults.values().stream().mapToLong(Long::longValue).sum();
    }
}
