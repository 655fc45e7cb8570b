package dev.oktaprov.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.oktaprov.simulator.Fault;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.Sleeper;
import dev.oktaprov.simulator.auth.AuthDecision;
import dev.oktaprov.simulator.auth.Authenticator;
import dev.oktaprov.simulator.directory.OktaIds;
import dev.oktaprov.simulator.faults.FaultInjector;
import dev.oktaprov.simulator.ratelimit.Admission;
import dev.oktaprov.simulator.ratelimit.ConcurrencyLimiter;
import dev.oktaprov.simulator.ratelimit.RateLimiter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The HTTP side: a JDK {@link HttpServer} on loopback with a bounded worker pool, and the order
 * in which every /api request meets Okta's machinery: bucket, concurrency limit, authentication,
 * per-minute limit, injected faults, then the endpoint. /__sim requests skip all of it.
 */
public final class SimulatorServer implements AutoCloseable {

    /** Answers one request; throws {@link OktaApiException} for an Okta error. */
    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request);
    }

    /** Everything a request passes through. */
    public record Pipeline(
            Authenticator authenticator,
            RateLimiter rateLimiter,
            ConcurrencyLimiter concurrencyLimiter,
            FaultInjector faults,
            Sleeper sleeper,
            Counters counters,
            OktaIds ids,
            Clock clock,
            ObjectMapper mapper,
            Handler api,
            Handler admin,
            Handler tokenEndpoint) {
    }

    /** The org authorization server's token endpoint (OAuth service apps); OAuth-shaped answers, no /api machinery. */
    public static final String TOKEN_PATH = "/oauth2/v1/token";

    private static final System.Logger LOG = System.getLogger(SimulatorServer.class.getName());
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final Pattern SAFE_HOST = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+");

    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final Pipeline pipeline;
    private final String loopbackBaseUrl;

    private SimulatorServer(HttpServer server, ThreadPoolExecutor workers, Pipeline pipeline) {
        this.server = server;
        this.workers = workers;
        this.pipeline = pipeline;
        this.loopbackBaseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static SimulatorServer start(int port, int threads, Pipeline pipeline) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            ThreadPoolExecutor workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), daemonThreads());
            workers.allowCoreThreadTimeOut(true);
            SimulatorServer simulatorServer = new SimulatorServer(server, workers, pipeline);
            server.createContext("/", simulatorServer::serve);
            server.setExecutor(workers);
            server.start();
            return simulatorServer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void serve(HttpExchange exchange) {
        try {
            String rawPath = exchange.getRequestURI().getRawPath();
            if (rawPath.equals("/__sim") || rawPath.startsWith("/__sim/")) {
                serveAdmin(exchange);
            } else if (rawPath.equals(TOKEN_PATH)) {
                send(exchange, pipeline.ids().requestId(), pipeline.tokenEndpoint().handle(readRequest(exchange)), null);
            } else {
                serveApi(exchange);
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "simulator failed on " + exchange.getRequestMethod() + " request", e);
            try {
                sendError(exchange, pipeline.ids().requestId(), OktaErrors.internalError(), null);
            } catch (IOException | RuntimeException ignored) {
                // The answer may be half sent; closing the exchange below is all that is left.
            }
        } finally {
            exchange.close();
        }
    }

    private void serveAdmin(HttpExchange exchange) throws IOException {
        ApiResponse response;
        try {
            response = pipeline.admin().handle(readRequest(exchange));
        } catch (IllegalArgumentException | OktaApiException e) {
            ObjectNode error = pipeline.mapper().createObjectNode().put("error", e.getMessage());
            response = new ApiResponse(400, error, List.of());
        }
        send(exchange, pipeline.ids().requestId(), response, null);
    }

    private void serveApi(HttpExchange exchange) throws IOException {
        String requestId = pipeline.ids().requestId();
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        if (!rawPath.startsWith("/api/")) {
            sendError(exchange, requestId, OktaErrors.notFound(rawPath, "Resource"), null);
            return;
        }
        RateLimitBucket bucket = RateLimitBucket.of(method, rawPath);
        pipeline.counters().request(bucket);
        if (lacksLength(exchange)) {
            sendLengthRequired(exchange, requestId);
            return;
        }
        if (!pipeline.concurrencyLimiter().tryAcquire()) {
            pipeline.counters().concurrencyRejected();
            Admission bucketState = pipeline.rateLimiter().peek(bucket);
            // Okta's concurrency 429 reports Limit 0 and Remaining 0; its reset is only an estimate.
            sendError(exchange, requestId, OktaErrors.rateLimited(),
                    new Admission(false, 0, 0, bucketState.windowEnd()));
            return;
        }
        try {
            serveAdmitted(exchange, requestId, method, rawPath, bucket);
        } finally {
            pipeline.concurrencyLimiter().release();
        }
    }

    private void serveAdmitted(HttpExchange exchange, String requestId, String method, String rawPath,
            RateLimitBucket bucket) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        AuthDecision decision = pipeline.authenticator().authenticate(method, rawPath, authorization);
        if (decision instanceof AuthDecision.Denied denied) {
            sendError(exchange, requestId,
                    new OktaApiException(denied.status(), denied.errorCode(), denied.errorSummary(), List.of()),
                    pipeline.rateLimiter().peek(bucket));
            return;
        }
        Admission admission = pipeline.rateLimiter().admit(bucket);
        if (!admission.allowed()) {
            pipeline.counters().rateLimited(bucket);
            sendError(exchange, requestId, OktaErrors.rateLimited(), admission);
            return;
        }
        FaultInjector.Decision fault = pipeline.faults().beforeProcessing();
        if (!fault.latency().isZero()) {
            pipeline.counters().fault(Fault.LATENCY);
            if (!sleep(fault.latency())) {
                return;
            }
        }
        if (fault.failure() == Fault.DROP) {
            pipeline.counters().fault(Fault.DROP);
            return; // closing the exchange before any answer drops the connection
        }
        if (fault.failure() != null) {
            pipeline.counters().fault(fault.failure());
            sendError(exchange, requestId, OktaErrors.injected(fault.failure().status()), admission);
            return;
        }
        ApiRequest request;
        ApiResponse response;
        try {
            request = readRequest(exchange);
            response = pipeline.api().handle(request);
        } catch (OktaApiException e) {
            sendError(exchange, requestId, e, admission);
            return;
        }
        if (request.isCreateUser() && response.status() == 200 && pipeline.faults().loseCreatedAnswer()) {
            pipeline.counters().fault(Fault.LOST_ANSWER);
            sendError(exchange, requestId, OktaErrors.injected(504), admission);
            return;
        }
        send(exchange, requestId, response, admission);
    }

    private boolean sleep(Duration latency) {
        try {
            pipeline.sleeper().sleep(latency);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private ApiRequest readRequest(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        List<String> segments = Arrays.stream(rawPath.split("/", -1)).skip(1).toList();
        return new ApiRequest(exchange.getRequestMethod(), rawPath, segments, QueryParameters.parse(rawQuery),
                rawQuery, exchange.getRequestHeaders(), readBody(exchange), baseUrl(exchange.getRequestHeaders()));
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw OktaErrors.malformedBody();
            }
            return body;
        }
    }

    private String baseUrl(Headers headers) {
        String host = headers.getFirst("Host");
        return host != null && SAFE_HOST.matcher(host).matches() ? "http://" + host : loopbackBaseUrl;
    }

    /** Okta's edge answers 411 to a POST that says nothing about its length. */
    private static boolean lacksLength(HttpExchange exchange) {
        Headers headers = exchange.getRequestHeaders();
        return exchange.getRequestMethod().equals("POST")
                && headers.getFirst("Content-Length") == null
                && headers.getFirst("Transfer-Encoding") == null;
    }

    private void sendLengthRequired(HttpExchange exchange, String requestId) throws IOException {
        byte[] body = "Length Required".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.getResponseHeaders().set("X-Okta-Request-Id", requestId);
        exchange.sendResponseHeaders(411, body.length);
        exchange.getResponseBody().write(body);
    }

    private void sendError(HttpExchange exchange, String requestId, OktaApiException error, Admission admission)
            throws IOException {
        ObjectNode body = pipeline.mapper().createObjectNode();
        body.put("errorCode", error.errorCode());
        body.put("errorSummary", error.errorSummary());
        body.put("errorLink", error.errorCode());
        body.put("errorId", pipeline.ids().errorId());
        ArrayNode causes = body.putArray("errorCauses");
        error.causes().forEach(cause -> causes.addObject().put("errorSummary", cause));
        send(exchange, requestId, new ApiResponse(error.status(), body, List.of()), admission);
    }

    private void send(HttpExchange exchange, String requestId, ApiResponse response, Admission admission)
            throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("X-Okta-Request-Id", requestId);
        headers.set("Cache-Control", "no-cache, no-store");
        headers.set("Pragma", "no-cache");
        if (admission != null) {
            headers.set("X-Rate-Limit-Limit", Integer.toString(admission.limit()));
            headers.set("X-Rate-Limit-Remaining", Integer.toString(admission.remaining()));
            headers.set("X-Rate-Limit-Reset", Long.toString(resetOnWire(admission.windowEnd())));
        }
        response.links().forEach(link -> headers.add("Link", link));
        JsonNode body = response.body();
        if (body == null) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] bytes = pipeline.mapper().writeValueAsBytes(body);
        exchange.sendResponseHeaders(response.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /**
     * X-Rate-Limit-Reset in epoch seconds on the time base of the Date header. The JDK server
     * always writes Date from the machine's clock, whatever clock the simulator runs on; clients
     * compute their wait as {@code reset - Date}, so the reset is placed that far after the
     * machine's now: exactly the window's end when the simulator runs on the system clock, and
     * still the right wait when a test runs it on its own clock.
     */
    private long resetOnWire(Instant windowEnd) {
        Duration left = Duration.between(pipeline.clock().instant(), windowEnd);
        if (left.isNegative()) {
            left = Duration.ZERO;
        }
        Instant onWire = Instant.now().plus(left);
        return onWire.getNano() == 0 ? onWire.getEpochSecond() : onWire.getEpochSecond() + 1;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "okta-simulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
