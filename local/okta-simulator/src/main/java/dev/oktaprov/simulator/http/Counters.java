package dev.oktaprov.simulator.http;

import dev.oktaprov.simulator.Fault;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SimulatorCounters;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe tallies behind {@link SimulatorCounters}. */
public final class Counters {

    private final Map<RateLimitBucket, LongAdder> requests = adders(RateLimitBucket.class);
    private final Map<RateLimitBucket, LongAdder> rateLimited = adders(RateLimitBucket.class);
    private final Map<Fault, LongAdder> faults = adders(Fault.class);
    private final LongAdder concurrencyRejected = new LongAdder();
    private final LongAdder usersCreated = new LongAdder();

    public void request(RateLimitBucket bucket) {
        requests.get(bucket).increment();
    }

    public void rateLimited(RateLimitBucket bucket) {
        rateLimited.get(bucket).increment();
    }

    public void concurrencyRejected() {
        concurrencyRejected.increment();
    }

    public void fault(Fault fault) {
        faults.get(fault).increment();
    }

    public void userCreated() {
        usersCreated.increment();
    }

    public void reset() {
        requests.values().forEach(LongAdder::reset);
        rateLimited.values().forEach(LongAdder::reset);
        faults.values().forEach(LongAdder::reset);
        concurrencyRejected.reset();
        usersCreated.reset();
    }

    public SimulatorCounters snapshot() {
        return new SimulatorCounters(sums(requests, RateLimitBucket.class), sums(rateLimited, RateLimitBucket.class),
                concurrencyRejected.sum(), usersCreated.sum(), sums(faults, Fault.class));
    }

    private static <K extends Enum<K>> Map<K, LongAdder> adders(Class<K> type) {
        Map<K, LongAdder> map = new EnumMap<>(type);
        for (K key : type.getEnumConstants()) {
            map.put(key, new LongAdder());
        }
        return map;
    }

    private static <K extends Enum<K>> Map<K, Long> sums(Map<K, LongAdder> adders, Class<K> type) {
        Map<K, Long> map = new EnumMap<>(type);
        adders.forEach((key, adder) -> map.put(key, adder.sum()));
        return map;
    }
}
