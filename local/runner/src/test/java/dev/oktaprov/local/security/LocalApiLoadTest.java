package dev.oktaprov.local.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.oktaprov.local.LocalSet;
import dev.oktaprov.local.LocalSetSettings;
import dev.oktaprov.simulator.FaultPlan;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.testsupport.ThreadWatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The local HTTP API (the three API functions as {@code ./run-local} serves them) under load with the
 * simulator's faults on: 32 concurrent clients send 5,000 requests on loopback — creates, reads by id
 * and by login, lists, and invalid ones. Every request gets an answer with a status the README
 * documents for its route, and afterwards every thread the load started has ended or belongs to a pool
 * of the set (named by it, within its size), and the process holds no more open file descriptors than
 * its pools need (a leak per request or per failure would show as hundreds).
 *
 * <p>Okta calls are not retried here ({@code OKTA_MAX_ATTEMPTS=1}) and the rate limits are raised
 * out of reach, so nothing in the run waits for real: faults become 503s at once.
 */
class LocalApiLoadTest {

    private static final int CLIENTS = 32;
    private static final int REQUESTS = 5_000;
    private static final int WARM_UP = 256;
    /** Pools may settle a little differently after load (the Okta client's keep-alive connections). */
    private static final int FD_SLACK = 48;
    /** The local API's worker pool ({@code LocalHttpApi}): at most this many Okta calls are in flight. */
    private static final int API_WORKERS = 8;
    private static final Duration THREADS_END_WITHIN = Duration.ofSeconds(10);

    private static final Set<Integer> CREATE_STATUSES = Set.of(200, 201, 400, 409, 413, 429, 502, 503);
    private static final Set<Integer> GET_STATUSES = Set.of(200, 400, 404, 429, 502, 503);
    private static final Set<Integer> LIST_STATUSES = Set.of(200, 400, 429, 502, 503);

    private record Request(String method, String pathAndQuery, String body, Set<Integer> documented) {
    }

    @Test
    void everyRequestIsAnsweredWithADocumentedStatusAndNothingLeaks() throws Exception {
        LocalSetSettings settings = new LocalSetSettings(0, 0, null, null, null, "load-" + UUID.randomUUID().toString().substring(0, 8),
                10, Duration.ZERO, 2, 5, Duration.ofSeconds(120), Duration.ofSeconds(2), Duration.ofSeconds(30));
        try (LocalSet set = LocalSet.start(settings, Map.of("OKTA_MAX_ATTEMPTS", "1"), line -> { })) {
            OktaSimulator okta = set.simulator();
            for (RateLimitBucket bucket : RateLimitBucket.values()) {
                okta.setLimit(bucket, 1_000_000);
            }
            List<SimulatedUser> seeded = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                seeded.addAll(okta.seedUsers(SeedUser.of("seed" + i + "@example.com", "Seed", "User" + i)));
            }
            int port = set.api().port();

            Map<Integer, Long> warmUp = run(port, WARM_UP, seeded, 1);
            assertThat(warmUp).as("the warm-up, faults off").containsOnlyKeys(200, 201, 400, 404);
            FaultPlan faults = FaultPlan.none().withErrorRate(0.05).withErrorStatuses(500, 503, 504).withDropRate(0.02)
                    .withLostAnswerRate(0.05);
            // A second warm-up with the faults on, so every pool has grown to what this load needs
            // before the counts are taken: what grows after that is a leak.
            okta.setFaults(faults);
            run(port, WARM_UP, seeded, 3);
            ThreadWatch threads = ThreadWatch.start();
            long fdsBefore = openFileDescriptors();
            org.junit.jupiter.api.Assumptions.assumeTrue(fdsBefore > 0, "open file descriptors are counted on Unix only");

            Map<Integer, Long> statuses = run(port, REQUESTS, seeded, 2);
            okta.setFaults(FaultPlan.none());

            System.out.printf("load: statuses %s, faults %d, threads started and alive %s, open fds %d -> %d%n", statuses,
                    okta.counters().totalFaults(), threads.startedSince().stream().map(Thread::getName).sorted().toList(),
                    fdsBefore, openFileDescriptors());
            assertThat(statuses.values().stream().mapToLong(Long::longValue).sum()).as("answers").isEqualTo(REQUESTS);
            assertThat(statuses).as("faults reached the callers as 503s").containsKey(503);
            assertThat(okta.counters().totalFaults()).isPositive();
            // Threads the load started must have ended, or belong to the pools the set keeps on purpose.
            threads.assertEndedOrPooled(THREADS_END_WITHIN,
                    ThreadWatch.Pool.numbered("local-api-", API_WORKERS),
                    ThreadWatch.Pool.numbered("okta-simulator-", okta.options().threads()),
                    // The JDK HttpClient's executor of each Okta client: at most two stages of each call in flight.
                    new ThreadWatch.Pool("HttpClient-N-Worker-N", Pattern.compile("HttpClient-\\d+-Worker-\\d+"), 2 * API_WORKERS),
                    // HttpURLConnection's one keep-alive reaper (the SQS client of the set's poller).
                    ThreadWatch.Pool.named("Keep-Alive-Timer", 1),
                    // The set's ElasticMQ: Pekko's default and internal dispatchers, fork-join pools of at most 64 each.
                    new ThreadWatch.Pool("local-sqs-pekko.actor.*-dispatcher-N",
                            Pattern.compile("local-sqs-pekko\\.actor\\.(default|internal)-dispatcher-\\d+"), 2 * 64),
                    ThreadWatch.Pool.numbered("ForkJoinPool.commonPool-worker-", ForkJoinPool.getCommonPoolParallelism()));
            assertThat(openFileDescriptors()).as("open file descriptors after the load (before: %d)", fdsBefore)
                    .isLessThanOrEqualTo(fdsBefore + FD_SLACK);
        }
    }

    /** {@code count} requests from {@link #CLIENTS} threads; every status checked against its route; the count of each. */
    private static Map<Integer, Long> run(int port, int count, List<SimulatedUser> seeded, long seed) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger next = new AtomicInteger();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        List<String> undocumented = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                SplittableRandom random = new SplittableRandom(seed * 100 + c);
                running.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        Request request = request(random, seeded);
                        int status = send(port, request);
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                        if (!request.documented().contains(status)) {
                            undocumented.add(status + " for " + request.method() + " " + request.pathAndQuery());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
            // The client threads themselves must be gone before threads are counted.
            assertThat(clients.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).as("client threads ended").isTrue();
        }
        assertThat(undocumented).as("statuses the README does not document for the route").isEmpty();
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((status, adder) -> counts.put(status, adder.sum()));
        return counts;
    }

    private static Request request(SplittableRandom random, List<SimulatedUser> seeded) {
        SimulatedUser someone = seeded.get(random.nextInt(seeded.size()));
        return switch (random.nextInt(8)) {
            case 0, 1 -> {
                String login = "load." + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
                yield new Request("POST", "/users", "{\"firstName\":\"Load\",\"lastName\":\"Test\",\"email\":\"" + login
                        + "\",\"login\":\"" + login + "\",\"activate\":false}", CREATE_STATUSES);
            }
            case 2 -> new Request("POST", "/users", "{\"firstName\":\"\",\"login\":42}", CREATE_STATUSES);
            case 3 -> new Request("GET", "/users/" + someone.id(), null, GET_STATUSES);
            case 4 -> new Request("GET", "/users/" + someone.login(), null, GET_STATUSES);
            case 5 -> new Request("GET", "/users/nobody." + random.nextInt(1000) + "@example.com", null, GET_STATUSES);
            case 6 -> new Request("GET", "/users?limit=5&profile.lastName=" + someone.lastName(), null, LIST_STATUSES);
            default -> new Request("GET", "/users?limit=0", null, LIST_STATUSES);
        };
    }

    /** One request on its own connection ({@code Connection: close}), so the client side holds nothing afterwards. */
    private static int send(int port, Request request) throws IOException {
        byte[] body = request.body() == null ? new byte[0] : request.body().getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            String head = request.method() + " " + request.pathAndQuery() + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Connection: close\r\n"
                    + (request.body() == null ? "" : "Content-Type: application/json\r\n")
                    + "Content-Length: " + body.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream statusLine = new ByteArrayOutputStream();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                statusLine.write(b);
            }
            in.transferTo(OutputStream.nullOutputStream());
            String[] parts = statusLine.toString(StandardCharsets.US_ASCII).trim().split(" ");
            assertThat(parts).as("an HTTP answer to %s %s", request.method(), request.pathAndQuery()).hasSizeGreaterThanOrEqualTo(2);
            return Integer.parseInt(parts[1]);
        }
    }

    private static long openFileDescriptors() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getOpenFileDescriptorCount() : 0;
    }
}
