package dev.oktaprov.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktaprov.simulator.Fault;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.Sleeper;
import dev.oktaprov.simulator.auth.AuthDecision;
import dev.oktaprov.simulator.auth.AuthRequest;
import dev.oktaprov.simulator.auth.Authenticator;
import dev.oktaprov.simulator.directory.OktaIds;
import dev.oktaprov.simulator.faults.FaultInjector;
import dev.oktaprov.simulator.ratelimit.Admission;
import dev.oktaprov.simulator.ratelimit.ConcurrencyLimiter;
import dev.oktaprov.simulator.ratelimit.RateLimiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The HTTP side: an {@link HttpListener} on loopback with a bounded worker pool, and the order
 * in which every /api request meets Okta's machinery: bucket, concurrency limit, authentication,
 * per-window limit, injected faults, then the endpoint. /__sim requests skip all of it.
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
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Pipeline pipeline;
    private final String scheme;
    private final HttpListener listener;
    private final String loopbackBaseUrl;

    private SimulatorServer(int port, int threads, SSLContext tls, Pipeline pipeline) {
        this.pipeline = pipeline;
        this.scheme = tls == null ? "http" : "https";
        try {
            this.listener = new HttpListener(port, threads, tls, MAX_BODY_BYTES, this::serve);
        } catch (RuntimeException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port,
                    e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
        this.loopbackBaseUrl = scheme + "://127.0.0.1:" + listener.port();
    }

    /** @param tls the server's TLS context, or null for plain HTTP */
    public static SimulatorServer start(int port, int threads, SSLContext tls, Pipeline pipeline) {
        return new SimulatorServer(port, threads, tls, pipeline);
    }

    public int port() {
        return listener.port();
    }

    /** {@code http} or {@code https}. */
    public String scheme() {
        return scheme;
    }

    @Override
    public void close() {
        listener.close();
    }

    private void serve(Exchange exchange) {
        try {
            String rawPath = exchange.rawPath();
            if (rawPath.equals("/__sim") || rawPath.startsWith("/__sim/")) {
                serveAdmin(exchange);
            } else if (rawPath.equals(TOKEN_PATH)) {
                send(exchange, pipeline.ids().requestId(), pipeline.tokenEndpoint().handle(readRequest(exchange)), null);
            } else {
                serveApi(exchange);
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "simulator failed on " + exchange.method() + " request", e);
            try {
                sendError(exchange, pipeline.ids().requestId(), OktaErrors.internalError(), null);
            } catch (IOException | RuntimeException ignored) {
                // The answer may be half sent; the server ends the exchange.
            }
        }
    }

    private void serveAdmin(Exchange exchange) throws IOException {
        ApiResponse response;
        try {
            response = pipeline.admin().handle(readRequest(exchange));
        } catch (IllegalArgumentException | OktaApiException e) {
            ObjectNode error = pipeline.mapper().createObjectNode().put("error", e.getMessage());
            response = new ApiResponse(400, error, List.of());
        }
        send(exchange, pipeline.ids().requestId(), response, null);
    }

    private void serveApi(Exchange exchange) throws IOException {
        String requestId = pipeline.ids().requestId();
        String method = exchange.method();
        String rawPath = exchange.rawPath();
        if (!rawPath.startsWith("/api/")) {
            sendError(exchange, requestId, OktaErrors.notFound(rawPath, "Resource"), null);
            return;
        }
        RateLimitBucket bucket = RateLimitBucket.of(method, rawPath);
        pipeline.counters().request(bucket);
        RequestHeaders headers = exchange.headers();
        if (lacksLength(method, headers)) {
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
            serveAdmitted(exchange, requestId, method, rawPath, bucket, headers);
        } finally {
            pipeline.concurrencyLimiter().release();
        }
    }

    private void serveAdmitted(Exchange exchange, String requestId, String method, String rawPath,
            RateLimitBucket bucket, RequestHeaders headers) throws IOException {
        AuthDecision decision = pipeline.authenticator().authenticate(new AuthRequest(method, rawPath,
                baseUrl(headers) + rawPath, headers.first("Authorization"), headers.all("DPoP")));
        if (decision instanceof AuthDecision.Denied denied) {
            List<ResponseHeader> challenge = denied.challenge() == null
                    ? List.of() : List.of(new ResponseHeader("www-authenticate", denied.challenge()));
            sendError(exchange, requestId,
                    new OktaApiException(denied.status(), denied.errorCode(), denied.errorSummary(), List.of()),
                    pipeline.rateLimiter().peek(bucket), challenge);
            return;
        }
        String principal = ((AuthDecision.Allowed) decision).principal();
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
            exchange.drop();
            return;
        }
        if (fault.failure() != null) {
            pipeline.counters().fault(fault.failure());
            sendError(exchange, requestId, OktaErrors.injected(fault.failure().status()), admission);
            return;
        }
        ApiRequest request;
        ApiResponse response;
        try {
            request = readRequest(exchange).withPrincipal(principal);
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

    private ApiRequest readRequest(Exchange exchange) throws IOException {
        String rawPath = exchange.rawPath();
        String rawQuery = exchange.rawQuery();
        RequestHeaders headers = exchange.headers();
        List<String> segments = Arrays.stream(rawPath.split("/", -1)).skip(1).toList();
        return new ApiRequest(exchange.method(), rawPath, segments, QueryParameters.parse(rawQuery),
                rawQuery, headers, readBody(exchange), baseUrl(headers), null);
    }

    private static byte[] readBody(Exchange exchange) {
        byte[] body = exchange.body();
        if (body.length > MAX_BODY_BYTES) {
            throw OktaErrors.malformedBody();
        }
        return body;
    }

    private String baseUrl(RequestHeaders headers) {
        String host = headers.first("Host");
        return host != null && SAFE_HOST.matcher(host).matches() ? scheme + "://" + host : loopbackBaseUrl;
    }

    /** Okta's edge answers 411 to a POST that says nothing about its length. */
    private static boolean lacksLength(String method, RequestHeaders headers) {
        return method.equals("POST")
                && headers.first("Content-Length") == null
                && headers.first("Transfer-Encoding") == null;
    }

    private void sendLengthRequired(Exchange exchange, String requestId) throws IOException {
        List<ResponseHeader> headers = new ArrayList<>();
        headers.add(new ResponseHeader(ResponseHeader.DATE, HTTP_DATE.format(Instant.now())));
        headers.add(new ResponseHeader(ResponseHeader.CONTENT_TYPE, "text/plain"));
        headers.add(new ResponseHeader(ResponseHeader.REQUEST_ID, requestId));
        exchange.respond(411, headers, "Length Required".getBytes(StandardCharsets.UTF_8));
    }

    private void sendError(Exchange exchange, String requestId, OktaApiException error, Admission admission)
            throws IOException {
        sendError(exchange, requestId, error, admission, List.of());
    }

    private void sendError(Exchange exchange, String requestId, OktaApiException error, Admission admission,
            List<ResponseHeader> extraHeaders) throws IOException {
        ObjectNode body = pipeline.mapper().createObjectNode();
        body.put("errorCode", error.errorCode());
        body.put("errorSummary", error.errorSummary());
        body.put("errorLink", error.errorCode());
        body.put("errorId", pipeline.ids().errorId());
        ArrayNode causes = body.putArray("errorCauses");
        error.causes().forEach(cause -> causes.addObject().put("errorSummary", cause));
        send(exchange, requestId, new ApiResponse(error.status(), body, List.of(), extraHeaders), admission);
    }

    private void send(Exchange exchange, String requestId, ApiResponse response, Admission admission)
            throws IOException {
        // One reading of the machine's clock for date and reset, so that reset - date is exact.
        Instant wireNow = Instant.now();
        List<ResponseHeader> headers = new ArrayList<>();
        headers.add(new ResponseHeader(ResponseHeader.DATE, HTTP_DATE.format(wireNow)));
        headers.add(new ResponseHeader(ResponseHeader.CONTENT_TYPE, "application/json"));
        headers.add(new ResponseHeader(ResponseHeader.REQUEST_ID, requestId));
        headers.add(new ResponseHeader("cache-control", "no-cache, no-store"));
        headers.add(new ResponseHeader("pragma", "no-cache"));
        if (admission != null) {
            headers.add(new ResponseHeader(ResponseHeader.RATE_LIMIT_LIMIT, Integer.toString(admission.limit())));
            headers.add(new ResponseHeader(ResponseHeader.RATE_LIMIT_REMAINING, Integer.toString(admission.remaining())));
            headers.add(new ResponseHeader(ResponseHeader.RATE_LIMIT_RESET,
                    Long.toString(resetOnWire(admission.windowEnd(), wireNow))));
        }
        response.links().forEach(link -> headers.add(new ResponseHeader(ResponseHeader.LINK, link)));
        headers.addAll(response.headers());
        JsonNode body = response.body();
        exchange.respond(response.status(), headers, body == null ? null : pipeline.mapper().writeValueAsBytes(body));
    }

    /**
     * x-rate-limit-reset in epoch seconds on the time base of the date header, which is the
     * machine's clock (what clients compare with theirs) whatever clock the simulator runs on.
     * Clients compute their wait as {@code reset - date}, so the reset is placed that far after the
     * machine's now: exactly the window's end when the simulator runs on the system clock, and
     * still the right wait when a test runs it on its own clock. Rounded up, and date rounded
     * down: a client never comes back before the window's end.
     */
    private long resetOnWire(Instant windowEnd, Instant wireNow) {
        Duration left = Duration.between(pipeline.clock().instant(), windowEnd);
        if (left.isNegative()) {
            left = Duration.ZERO;
        }
        Instant onWire = wireNow.plus(left);
        return onWire.getNano() == 0 ? onWire.getEpochSecond() : onWire.getEpochSecond() + 1;
    }
}
