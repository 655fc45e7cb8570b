package dev.oktaprov.simulator;

import java.time.Duration;
import java.util.List;

/**
 * The faults the simulator injects into /api requests (never into /__sim). Random faults come
 * from the simulator's seeded generator, so a run with the same seed and the same requests in the
 * same order sees the same faults.
 *
 * @param errorRate share of requests answered with one of {@code errorStatuses} instead of being processed
 * @param errorStatuses the statuses to pick from, uniformly: 500, 503 and/or 504
 * @param dropRate share of requests whose connection is closed without an answer
 * @param lostAnswerRate share of successful creates (POST /api/v1/users) whose answer is replaced by a
 *     504 after the user was created
 * @param latency added before answering
 * @param latencyRate share of requests that get the latency
 * @param next faults applied to the next requests, in order, before any random one; a
 *     {@link Fault#LOST_ANSWER} waits for the next successful create
 */
public record FaultPlan(
        double errorRate,
        List<Integer> errorStatuses,
        double dropRate,
        double lostAnswerRate,
        Duration latency,
        double latencyRate,
        List<Fault> next) {

    private static final List<Integer> ALL_ERROR_STATUSES = List.of(500, 503, 504);

    public FaultPlan {
        requireShare("errorRate", errorRate);
        requireShare("dropRate", dropRate);
        requireShare("lostAnswerRate", lostAnswerRate);
        requireShare("latencyRate", latencyRate);
        if (errorRate + dropRate > 1.0) {
            throw new IllegalArgumentException("errorRate + dropRate must not exceed 1");
        }
        errorStatuses = errorStatuses == null || errorStatuses.isEmpty() ? ALL_ERROR_STATUSES : List.copyOf(errorStatuses);
        errorStatuses.forEach(Fault::ofStatus);
        latency = latency == null ? Duration.ZERO : latency;
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        next = next == null ? List.of() : List.copyOf(next);
    }

    public static FaultPlan none() {
        return new FaultPlan(0, ALL_ERROR_STATUSES, 0, 0, Duration.ZERO, 1.0, List.of());
    }

    public FaultPlan withErrorRate(double rate) {
        return new FaultPlan(rate, errorStatuses, dropRate, lostAnswerRate, latency, latencyRate, next);
    }

    public FaultPlan withErrorStatuses(Integer... statuses) {
        return new FaultPlan(errorRate, List.of(statuses), dropRate, lostAnswerRate, latency, latencyRate, next);
    }

    public FaultPlan withDropRate(double rate) {
        return new FaultPlan(errorRate, errorStatuses, rate, lostAnswerRate, latency, latencyRate, next);
    }

    public FaultPlan withLostAnswerRate(double rate) {
        return new FaultPlan(errorRate, errorStatuses, dropRate, rate, latency, latencyRate, next);
    }

    public FaultPlan withLatency(Duration added) {
        return new FaultPlan(errorRate, errorStatuses, dropRate, lostAnswerRate, added, latencyRate, next);
    }

    public FaultPlan withLatency(Duration added, double rate) {
        return new FaultPlan(errorRate, errorStatuses, dropRate, lostAnswerRate, added, rate, next);
    }

    /** Faults for the next requests, in order (e.g. {@code ERROR_503, ERROR_503} then normal answers). */
    public FaultPlan withNext(Fault... faults) {
        return new FaultPlan(errorRate, errorStatuses, dropRate, lostAnswerRate, latency, latencyRate, List.of(faults));
    }

    public boolean isNone() {
        return errorRate == 0 && dropRate == 0 && lostAnswerRate == 0 && latency.isZero() && next.isEmpty();
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, not " + value);
        }
    }
}
