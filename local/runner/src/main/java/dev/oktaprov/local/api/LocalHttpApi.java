package dev.oktaprov.local.api;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.oktaprov.entrypoints.InvocationContext;
import dev.oktaprov.local.functions.LocalFunction;
import dev.oktaprov.simulator.http.PercentDecoding;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * API Gateway's HTTP API on 127.0.0.1, for the template's routes: each request becomes a payload
 * 2.0 event, whose JSON bytes go to the route's handler (constructed once, like a warm function) as
 * Lambda hands them over, with a fresh context and the function's timeout, and the response the
 * handler wrote goes back as HTTP. No SigV4 check: the deployed API's IAM authorization has no local
 * counterpart; the server listens on loopback only and refuses web pages ({@link BrowserGuard}).
 */
public final class LocalHttpApi implements AutoCloseable {

    /** HTTP API's payload limit. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    private static final String REQUEST_ID_HEADER = "apigw-requestid";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService workers;
    private final RouteTable<LocalFunction> routes;
    private final String region;
    private final Clock clock;
    private final Consumer<String> logSink;
    private final BrowserGuard guard;

    private LocalHttpApi(HttpServer server, ExecutorService workers, RouteTable<LocalFunction> routes, String region,
            Clock clock, Consumer<String> logSink) {
        this.server = server;
        this.workers = workers;
        this.routes = routes;
        this.region = region;
        this.clock = clock;
        this.logSink = logSink;
        this.guard = new BrowserGuard(server.getAddress().getPort());
    }

    /**
     * Starts listening on 127.0.0.1.
     *
     * @param port 0 for a free one
     * @param functions the function behind each route key ({@code GET /users/{id+}}, …)
     * @param region the region the functions' contexts name
     * @param logSink where the handlers' {@code context.getLogger()} lines and invocation errors go
     * @throws UncheckedIOException when the port cannot be bound (in use, say)
     */
    public static LocalHttpApi start(int port, Map<String, LocalFunction> functions, String region,
            Clock clock, Consumer<String> logSink) {
        Map<String, LocalFunction> byKey = new LinkedHashMap<>(functions);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + ")", e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "local-api-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        LocalHttpApi api = new LocalHttpApi(server, workers, new RouteTable<>(byKey), region, clock, logSink);
        server.createContext("/", api::serve);
        server.setExecutor(workers);
        server.start();
        return api;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Stops listening and ends the worker threads; requests in flight are cut off. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            String requestId = HttpApiEvent.newRequestId();
            Answer answer;
            try {
                answer = answer(exchange, requestId);
            } catch (RuntimeException e) {
                logSink.accept("local HTTP API: " + requestId + " failed: " + e);
                answer = Answer.message(500, "Internal Server Error");
            }
            answer.headers().forEach(header -> exchange.getResponseHeaders().add(header.getKey(), header.getValue()));
            exchange.getResponseHeaders().set(REQUEST_ID_HEADER, requestId);
            boolean noBody = answer.body().length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD")
                    || answer.status() == 204 || answer.status() == 304;
            exchange.sendResponseHeaders(answer.status(), noBody ? -1 : answer.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        } catch (IOException e) {
            // The client went away; nothing to answer.
        }
    }

    private Answer answer(HttpExchange exchange, String requestId) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        Optional<BrowserGuard.Refusal> refused = guard.checkSource(exchange.getRequestHeaders());
        Optional<RouteTable.Match<LocalFunction>> match = refused.isPresent() ? Optional.empty()
                : routes.match(method, PercentDecoding.decode(rawPath));
        if (refused.isEmpty() && match.isPresent()) {
            refused = guard.checkBody(method, exchange.getRequestHeaders());
        }
        if (refused.isPresent()) {
            drain(exchange.getRequestBody());
            logSink.accept("local HTTP API: " + requestId + " refused " + method + " " + rawPath + " with "
                    + refused.get().status() + ": " + refused.get().message());
            return Answer.message(refused.get().status(), refused.get().message());
        }
        if (match.isEmpty()) {
            drain(exchange.getRequestBody());
            return Answer.message(404, "Not Found");
        }
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            return Answer.message(413, "Request Entity Too Large");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> values.forEach(value -> headers.add(Map.entry(name, value))));
        HttpApiEvent.Request request = new HttpApiEvent.Request(method, rawPath, exchange.getRequestURI().getRawQuery(),
                headers, body, exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol());
        Map<String, Object> event = HttpApiEvent.of(request, match.get(), requestId, clock.instant());
        return invoke(match.get().target(), JSON.writeValueAsBytes(event));
    }

    private Answer invoke(LocalFunction function, byte[] eventJson) {
        RequestStreamHandler handler = function.handler();
        InvocationContext context = InvocationContext.start(function.spec().name(), region,
                function.spec().memoryMb(), function.spec().timeout(), clock, logSink);
        String responseJson;
        try {
            ByteArrayOutputStream response = new ByteArrayOutputStream(1024);
            handler.handleRequest(new ByteArrayInputStream(eventJson), response, context);
            // A handler that writes nothing answers null, as Lambda passes it on.
            responseJson = response.size() == 0 ? "null" : response.toString(StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException | Error e) {
            // What Lambda reports as the invocation's error; HTTP API answers 500 without detail.
            logSink.accept(context.getAwsRequestId() + " Invoke Error " + e);
            return Answer.message(500, "Internal Server Error");
        }
        if (context.isPastDeadline()) {
            // Lambda would have stopped the function: a function error, which HTTP API answers with 500.
            logSink.accept(context.getAwsRequestId() + " Task timed out after "
                    + function.spec().timeout().toSeconds() + " seconds");
            return Answer.message(500, "Internal Server Error");
        }
        return Answer.fromLambdaResponse(responseJson);
    }

    /** The body, or null when it is larger than HTTP API accepts. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            drain(in);
            return null;
        }
        return body;
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }

    /** An HTTP answer. */
    record Answer(int status, List<Map.Entry<String, String>> headers, byte[] body) {

        static Answer message(int status, String message) {
            return new Answer(status, List.of(Map.entry("Content-Type", "application/json")),
                    ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
        }

        /**
         * HTTP API's reading of a payload 2.0 response: an object with {@code statusCode} gives the
         * status, headers, cookies and body ({@code isBase64Encoded} decodes it); anything else is a
         * 200 whose JSON body is the response itself.
         */
        static Answer fromLambdaResponse(String json) {
            JsonNode response;
            try {
                response = JSON.readTree(json);
            } catch (JsonProcessingException e) {
                return message(500, "Internal Server Error");
            }
            if (response == null || !response.isObject() || !response.has("statusCode")) {
                return new Answer(200, List.of(Map.entry("Content-Type", "application/json")),
                        json.getBytes(StandardCharsets.UTF_8));
            }
            int status = response.path("statusCode").asInt(0);
            if (status < 100 || status > 599) {
                return message(500, "Internal Server Error");
            }
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = response.path("headers").fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> header = fields.next();
                headers.add(Map.entry(header.getKey(), header.getValue().asText()));
            }
            response.path("cookies").forEach(cookie -> headers.add(Map.entry("Set-Cookie", cookie.asText())));
            JsonNode body = response.get("body");
            byte[] bytes;
            if (body == null || body.isNull()) {
                bytes = new byte[0];
            } else if (response.path("isBase64Encoded").asBoolean(false)) {
                try {
                    bytes = Base64.getDecoder().decode(body.asText());
                } catch (IllegalArgumentException e) {
                    return message(500, "Internal Server Error");
                }
            } else {
                bytes = (body.isTextual() ? body.asText() : body.toString()).getBytes(StandardCharsets.UTF_8);
            }
            return new Answer(status, headers, bytes);
        }

        Answer {
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(body, "body");
        }
    }
}
