package dev.oktaprov.bench.ric;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API (version 2018-06-01) for one execution environment, on loopback: what the
 * real runtime interface client talks to in a bench run. It hands out the queued events one at a
 * time, as Lambda does: {@code GET /runtime/invocation/next} answers 200 with the event and the
 * {@code Lambda-Runtime-*} headers, and a {@code next} with nothing left to hand out stays open, as
 * a frozen environment's would. {@code POST …/invocation/{id}/response} and {@code …/error},
 * {@code /runtime/init/error}, and SnapStart's {@code /runtime/restore/next} and
 * {@code /runtime/restore/error} answer 202 (restore/next: 200), a wrong request id 400, a response
 * over Lambda's 6 MB limit 413. With SnapStart Lambda gives a function container credentials instead
 * of keys: {@code GET /2021-04-23/credentials} serves them here.
 *
 * <p>It writes what happened, and when, into a {@link RuntimeApiTimeline}; {@link ProcFacts} of the
 * runtime's process are read while the runtime waits for the answer to its post, so the process is
 * idle at that moment.
 */
final class RuntimeApiEndpoint implements AutoCloseable {

    /** Lambda's limit for a synchronous invocation's response payload. */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
    static final String CREDENTIALS_PATH = "/2021-04-23/credentials";

    private static final String PREFIX = "/2018-06-01/runtime";
    private static final Pattern INVOCATION_POST = Pattern.compile(PREFIX + "/invocation/([^/]+)/(response|error)");
    private static final String ACCOUNT = "000000000000";

    private final HttpServer server;
    private final ExecutorService threads;
    private final String functionArn;
    private final long timeoutMillis;
    private final String credentialsToken;
    private final RuntimeApiTimeline timeline;
    private final Deque<byte[]> events;
    private final Random random = new Random();
    private String currentRequestId;

    /**
     * @param events what the function gets, in order (the same sample twice: first and second invocation)
     * @param timeoutMillis the function's Timeout, for {@code Lambda-Runtime-Deadline-Ms}
     * @param credentialsToken what {@code Authorization} must carry on the credentials path
     */
    RuntimeApiEndpoint(String functionName, String region, long timeoutMillis, String credentialsToken,
            Iterable<byte[]> events, RuntimeApiTimeline timeline) {
        this.functionArn = "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + functionName + ":live";
        this.timeoutMillis = timeoutMillis;
        this.credentialsToken = credentialsToken;
        this.timeline = timeline;
        this.events = new ArrayDeque<>();
        events.forEach(this.events::add);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A next with nothing to hand out holds its thread; the posts need threads of their own.
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runtime-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code AWS_LAMBDA_RUNTIME_API}: host and port, no scheme. */
    String hostAndPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String credentialsUri() {
        return "http://" + hostAndPort() + CREDENTIALS_PATH;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            long at = System.nanoTime();
            if (method.equals("GET") && path.equals(PREFIX + "/invocation/next")) {
                next(exchange, at);
            } else if (method.equals("GET") && path.equals(PREFIX + "/restore/next")) {
                timeline.restoreNext(at);
                send(exchange, 200, "");
            } else if (method.equals("POST") && path.equals(PREFIX + "/init/error")) {
                timeline.failed("init error " + errorType(exchange) + ": " + utf8(body));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.equals(PREFIX + "/restore/error")) {
                timeline.failed("restore error " + errorType(exchange) + ": " + utf8(body));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && INVOCATION_POST.matcher(path).matches()) {
                invocationPost(exchange, INVOCATION_POST.matcher(path), body, at);
            } else if (method.equals("GET") && path.equals(CREDENTIALS_PATH)) {
                credentials(exchange);
            } else {
                send(exchange, 404, "{\"errorMessage\":\"Unknown path\",\"errorType\":\"NotFound\"}");
            }
        } catch (RuntimeException e) {
            timeline.failed("the Runtime API endpoint failed: " + e);
            throw e;
        }
    }

    private void next(HttpExchange exchange, long at) throws IOException {
        byte[] event;
        String requestId;
        synchronized (this) {
            event = events.poll();
            requestId = event == null ? null : UUID.randomUUID().toString();
            currentRequestId = requestId;
        }
        if (event == null) {
            // Nothing more to invoke: Lambda would freeze the environment here; the bench ends the process.
            timeline.idle(at);
            awaitClose();
            return;
        }
        timeline.invocationHandedOut(at);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + timeoutMillis));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        exchange.sendResponseHeaders(200, event.length);
        exchange.getResponseBody().write(event);
    }

    private void invocationPost(HttpExchange exchange, Matcher matcher, byte[] body, long at) throws IOException {
        matcher.matches();
        String requestId = matcher.group(1);
        boolean error = matcher.group(2).equals("error");
        synchronized (this) {
            if (!requestId.equals(currentRequestId)) {
                send(exchange, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
                return;
            }
            currentRequestId = null;
        }
        if (error) {
            timeline.failed("the function answered with an error " + errorType(exchange) + ": " + utf8(body));
        } else if (body.length > MAX_RESPONSE_BYTES) {
            timeline.failed("the response is " + body.length + " bytes, over Lambda's " + MAX_RESPONSE_BYTES);
            send(exchange, 413, "{\"errorMessage\":\"Exceeded maximum allowed payload size\",\"errorType\":\"RequestEntityTooLarge\"}");
            return;
        } else {
            timeline.answered(at, utf8(body));
        }
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private void credentials(HttpExchange exchange) throws IOException {
        if (!credentialsToken.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 403, "{\"message\":\"invalid authorization token\"}");
            return;
        }
        String expiration = java.time.Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        send(exchange, 200, "{\"AccessKeyId\":\"ASIABENCHSNAPSTART00\",\"SecretAccessKey\":\"bench-snapstart-secret\","
                + "\"Token\":\"bench-snapstart-session\",\"Expiration\":\"" + expiration + "\"}");
    }

    /** An X-Ray trace header as Lambda passes it when tracing is active (the template's Tracing: Active). */
    private synchronized String traceId() {
        byte[] root = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(root);
        random.nextBytes(parent);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + HexFormat.of().formatHex(root)
                + ";Parent=" + HexFormat.of().formatHex(parent) + ";Sampled=0";
    }

    private void awaitClose() {
        try {
            timeline.awaitClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String errorType(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return type == null ? "(no Lambda-Runtime-Function-Error-Type)" : type;
    }

    private static String utf8(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        timeline.close();
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
