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
 * @param limits limit per bucket per window (the window is a minute unless {@code rateLimitWindow} says otherwise)
 * @param concurrencyLimit /api requests in flight at once before 429 (Okta: about 75 per org)
 * @param faults faults to inject from the start
 * @param searchLag how long a new user stays invisible to list, q, filter and search (0 = none)
 * @param threads worker threads serving requests (bounded, must exceed the concurrency limit to reach it)
 * @param seed groups and users present from the start and after every reset
 * @param authenticator null for the API-token scheme with {@code token}
 * @param rateLimitWindow length of every bucket's fixed window (Okta: one minute); shorter lets a
 *     client's own wait for the reset be tested in seconds
 * @param tls serve {@code https://} with a certificate made at start ({@link OktaSimulator#tls()})
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
        Authenticator authenticator,
        Duration rateLimitWindow,
        boolean tls) {

    public static final int DEFAULT_CONCURRENCY_LIMIT = 75;
    public static final int DEFAULT_THREADS = 100;
    public static final Duration DEFAULT_RATE_LIMIT_WINDOW = Duration.ofSeconds(60);

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
        rateLimitWindow = rateLimitWindow == null ? DEFAULT_RATE_LIMIT_WINDOW : rateLimitWindow;
        if (rateLimitWindow.compareTo(Duration.ofSeconds(1)) < 0 || rateLimitWindow.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("rateLimitWindow must be a whole number of seconds, at least 1");
        }
    }

    /** A free loopback port, a random token, the system clock, Okta's published limits, no faults. */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions(0, randomToken(), Clock.systemUTC(), 42L, Sleeper.real(), null,
                DEFAULT_CONCURRENCY_LIMIT, FaultPlan.none(), Duration.ZERO, DEFAULT_THREADS, SeedData.empty(), null,
                DEFAULT_RATE_LIMIT_WINDOW, false);
    }

    public SimulatorOptions withPort(int newPort) {
        return new SimulatorOptions(newPort, token, clock, randomSeed, sleeper, limits, concurrencyLimit, faults,
                searchLag, threads, seed, authenticator, rateLimitWindow, tls);
    }

    public SimulatorOptions withToken(String newToken) {
        return new SimulatorOptions(port, newToken, clock, randomSeed, sleeper, limits, concurrencyLimit, faults,
                searchLag, threads, seed, authenticator, rateLimitWindow, tls);
    }

    public SimulatorOptions withClock(Clock newClock) {
        return new SimulatorOptions(port, token, newClock, randomSeed, sleeper, limits, concurrencyLimit, faults,
                searchLag, threads, seed, authenticator, rateLimitWindow, tls);
    }

    public SimulatorOptions withRandomSeed(long newSeed) {
        return new SimulatorOptions(port, token, clock, newSeed, sleeper, limits, concurrencyLimit, faults,
                searchLag, threads, seed, authenticator, rateLimitWindow, tls);
    }

    public SimulatorOptions withSleeper(Sleeper newSleeper) {
        return new SimulatorOptions(port, token, clock, randomSeed, newSleeper, limits, concurrencyLimit, faults,
                searchLag, threads, seed, authenticator, rateLimitWindow, tls);
    }

    public SimulatorOptions withLimit(RateLimitBucket bucket, int perMinute) {
        Map<RateLimitBucket, Integer> changed = new EnumMap<>(limits);
        changed.put(bucket, perMinute);
        return new SimulatorOptions(port, token, clock, randomSeed, sleeper, changed, concurrencyLimit, faults,
                searchLag, threads, seed, authenticator, rateLimitWindow, tls);
    }

    public SimulatorOptions withConcurrencyLimit(int limit) {
        return new SimulatorOptions(port, token, clock, randomSeed, sleeper, limits, limit, faults,
                searchLag, threads, seed, authenticator, rateLimitWindow, tls);
    }

    public SimulatorOptions withFaults(FaultPlan plan) {
        return new SimulatorOptions(port, token, clock, randomSeed, sleeper, limits, concurrencyLimit, plan,
                searchLag, threads, seed, authenticator, rateLimitWindow, tls);
    }

    public SimulatorOptions withSearchLag(Duration lag) {
        return new SimulatorOptions(port, token, clock, randomSeed, sleeper, limits, concurrencyLimit, faults,
                lag, threads, seed, authenticator, rateLimitWindow, tls);
    }

    public SimulatorOptions withThreads(int count) {
        return new SimulatorOptions(port, token, clock, randomSeed, sleeper, limits, concurrencyLimit, faults,
                searchLag, count, seed, authenticator, rateLimitWindow, tls);
    }

    public SimulatorOptions withSeed(SeedData data) {
        return new SimulatorOptions(port, token, clock, randomSeed, sleeper, limits, concurrencyLimit, faults,
                searchLag, threads, data, authenticator, rateLimitWindow, tls);
    }

    public SimulatorOptions withAuthenticator(Authenticator custom) {
        return new SimulatorOptions(port, token, clock, randomSeed, sleeper, limits, concurrencyLimit, faults,
                searchLag, threads, seed, custom, rateLimitWindow, tls);
    }

    /** Every bucket's window length (Okta: 60 s); the limits stay per window. */
    public SimulatorOptions withRateLimitWindow(Duration window) {
        return new SimulatorOptions(port, token, clock, randomSeed, sleeper, limits, concurrencyLimit, faults,
                searchLag, threads, seed, authenticator, window, tls);
    }

    /** {@code https://} on a self-signed certificate made at start (see {@link OktaSimulator#tls()}). */
    public SimulatorOptions withTls(boolean enabled) {
        return new SimulatorOptions(port, token, clock, randomSeed, sleeper, limits, concurrencyLimit, faults,
                searchLag, threads, seed, authenticator, rateLimitWindow, enabled);
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
                + ", searchLag=" + searchLag + ", rateLimitWindow=" + rateLimitWindow + ", tls=" + tls + ", threads=" + threads + ", seedGroups=" + seed.groups().size()
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
