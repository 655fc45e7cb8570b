package dev.oktaprov.simulator;

import dev.oktaprov.simulator.auth.ApiTokenAuthenticator;
import dev.oktaprov.simulator.auth.Authenticator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a simulator. Start from {@link #defaults()} and change what the test needs:
 * {@code SimulatorOptions.defaults().withToken("test-token").withClock(clock)}.
 *
 * @param port the loopback port; 0 picks a free one
 * @param token the API token clients send as {@code Authorization: SSWS <token>}
 * @param clock the simulator's time: rate-limit windows, timestamps in bodies, the reset in headers
 * @param randomSeed seeds ids and faults
 * @param sleeper waits for injected latency
 * @param limits per-minute limit per bucket
 * @param concurrencyLimit /api requests in flight at once before 429 (Okta: about 75 per org)
 * @param faults faults to inject from the start
 * @param searchLag how long a new user stays invisible to list, q, filter and search (0 = none)
 * @param threads worker threads serving requests (bounded, must exceed the concurrency limit to reach it)
 * @param seed groups and users present from the start and after every reset
 * @param authenticator null for the API-token scheme with {@code token}
 */
public record SimulatorOptions(
        int port,
        String token,
        Clock clock,
        long randomSeed,
        Sleeper sleeper,
        Map<RateLimitBucket, Integer> limits,
        int concurrencyLimit,
        FaultPlan faults,
        Duration searchLag,
        int threads,
        SeedData seed,
        Authenticator authenticator) {

    public static final int DEFAULT_CONCURRENCY_LIMIT = 75;
    public static final int DEFAULT_THREADS = 100;

    public SimulatorOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        EnumMap<RateLimitBucket, Integer> complete = new EnumMap<>(RateLimitBucket.class);
        for (RateLimitBucket bucket : RateLimitBucket.values()) {
            complete.put(bucket, bucket.defaultPerMinute());
        }
        if (limits != null) {
            limits.forEach((bucket, limit) -> complete.put(bucket, requirePositive("limit " + bucket.id(), limit)));
        }
        limits = Map.copyOf(complete);
        requirePositive("concurrencyLimit", concurrencyLimit);
        faults = faults == null ? FaultPlan.none() : faults;
        searchLag = searchLag == null ? Duration.ZERO : searchLag;
        requirePositive("threads", threads);
        seed = seed == null ? SeedData.empty() : seed;
    }

    /** A free loopback port, a random token, the system clock, Okta's published limits, no faults. */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions(0, randomToken(), Clock.systemUTC(), 42L, Sleeper.real(), null,
                DEFAULT_CONCURRENCY_LIMIT, FaultPlan.none(), Duration.ZERO, DEFAULT_THREADS, SeedData.empty(), null);
    }

    public SimulatorOptions withPort(int newPort) {
        return new SimulatorOptions(newPort, token, clock, randomSeed, sleeper, limits, concurrencyLimit, faults,
                searchLag, threads, seed, authenticator);
    }

    public SimulatorOptions withToken(String newToken) {
        return new SimulatorOptions(port, newToken, clock, randomSeed, sleeper, limits, concurrencyLimit, faults,
                searchLag, threads, seed, authenticator);
    }

    public SimulatorOptions withClock(Clock newClock) {
        return new SimulatorOptions(port, token, newClock, randomSeed, sleeper, limits, concurrencyLimit, faults,
                searchLag, threads, seed, authenticator);
    }

    public SimulatorOptions withRandomSeed(long newSeed) {
        return new SimulatorOptions(port, token, clock, newSeed, sleeper, limits, concurrencyLimit, faults,
                searchLag, threads, seed, authenticator);
    }

    public SimulatorOptions withSleeper(Sleeper newSleeper) {
        return new SimulatorOptions(port, token, clock, randomSeed, newSleeper, limits, concurrencyLimit, faults,
                searchLag, threads, seed, authenticator);
    }

    public SimulatorOptions withLimit(RateLimitBucket bucket, int perMinute) {
        Map<RateLimitBucket, Integer> changed = new EnumMap<>(limits);
        changed.put(bucket, perMinute);
        return new SimulatorOptions(port, token, clock, randomSeed, sleeper, changed, concurrencyLimit, faults,
                searchLag, threads, seed, authenticator);
    }

    public SimulatorOptions withConcurrencyLimit(int limit) {
        return new SimulatorOptions(port, token, clock, randomSeed, sleeper, limits, limit, faults,
                searchLag, threads, seed, authenticator);
    }

    public SimulatorOptions withFaults(FaultPlan plan) {
        return new SimulatorOptions(port, token, clock, randomSeed, sleeper, limits, concurrencyLimit, plan,
                searchLag, threads, seed, authenticator);
    }

    public SimulatorOptions withSearchLag(Duration lag) {
        return new SimulatorOptions(port, token, clock, randomSeed, sleeper, limits, concurrencyLimit, faults,
                lag, threads, seed, authenticator);
    }

    public SimulatorOptions withThreads(int count) {
        return new SimulatorOptions(port, token, clock, randomSeed, sleeper, limits, concurrencyLimit, faults,
                searchLag, count, seed, authenticator);
    }

    public SimulatorOptions withSeed(SeedData data) {
        return new SimulatorOptions(port, token, clock, randomSeed, sleeper, limits, concurrencyLimit, faults,
                searchLag, threads, data, authenticator);
    }

    public SimulatorOptions withAuthenticator(Authenticator custom) {
        return new SimulatorOptions(port, token, clock, randomSeed, sleeper, limits, concurrencyLimit, faults,
                searchLag, threads, seed, custom);
    }

    /** The authenticator in force: the custom one, or the API-token scheme with {@link #token()}. */
    public Authenticator effectiveAuthenticator() {
        return authenticator != null ? authenticator : new ApiTokenAuthenticator(token);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "SimulatorOptions[port=" + port + ", token=***, clock=" + clock + ", randomSeed=" + randomSeed
                + ", limits=" + limits + ", concurrencyLimit=" + concurrencyLimit + ", faults=" + faults
                + ", searchLag=" + searchLag + ", threads=" + threads + ", seedGroups=" + seed.groups().size()
                + ", seedUsers=" + seed.users().size() + "]";
    }

    private static int requirePositive(String name, Integer value) {
        if (value == null || value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return value;
    }

    private static String randomToken() {
        // Shaped like an Okta API token (00 + 40 characters); random so that a simulator left
        // running is not open to anyone who knows a fixed default.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        SecureRandom random = new SecureRandom();
        StringBuilder token = new StringBuilder("00");
        for (int i = 0; i < 40; i++) {
            token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return token.toString();
    }
}
