package dev.oktaprov.template.ric;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API (2018-06-01) of one execution environment, on loopback, for the runtime
 * interface client to talk to: {@code GET /runtime/invocation/next} hands out the queued events one
 * at a time with the {@code Lambda-Runtime-*} headers (and, with nothing left, stays open as a
 * frozen environment's would); {@code POST …/invocation/{id}/response|error},
 * {@code /runtime/init/error}, SnapStart's {@code GET /runtime/restore/next} and
 * {@code POST /runtime/restore/error} are recorded. A minimal copy of bench/suite's endpoint.
 */
final class RuntimeApi implements AutoCloseable {

    /** One invocation's outcome: the answer's bytes, or the error type and body the client reported. */
    record Outcome(String requestId, String answer, String errorType) {
        boolean failed() {
            return errorType != null;
        }
    }

    private static final String PREFIX = "/2018-06-01/runtime";
    private static final Pattern INVOCATION_POST = Pattern.compile(PREFIX + "/invocation/([^/]+)/(response|error)");

    private final HttpServer server;
    private final ExecutorService threads;
    private final String functionArn;
    private final Deque<byte[]> events = new ArrayDeque<>();
    private final List<Outcome> outcomes = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final CountDownLatch done;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean restoreAsked;
    private String currentRequestId;

    RuntimeApi(String functionName, List<byte[]> events) {
        this.functionArn = "arn:aws:lambda:us-east-1:000000000000:function:" + functionName + ":live";
        this.events.addAll(events);
        this.done = new CountDownLatch(events.size());
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

    /** True once every event was answered (or failed) or the runtime reported an init or restore error. */
    boolean awaitDone(long seconds) throws InterruptedException {
        return done.await(seconds, TimeUnit.SECONDS);
    }

    synchronized List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** Init and restore errors the client reported. */
    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    synchronized boolean restoreAsked() {
        return restoreAsked;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Matcher invocation = INVOCATION_POST.matcher(path);
            if (method.equals("GET") && path.equals(PREFIX + "/invocation/next")) {
                next(exchange);
            } else if (method.equals("GET") && path.equals(PREFIX + "/restore/next")) {
                synchronized (this) {
                    restoreAsked = true;
                }
                send(exchange, 200, "");
            } else if (method.equals("POST") && (path.equals(PREFIX + "/init/error") || path.equals(PREFIX + "/restore/error"))) {
                failed(path.substring(PREFIX.length() + 1) + " " + errorType(exchange) + ": " + utf8(body));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && invocation.matches()) {
                posted(exchange, invocation.group(1), invocation.group(2).equals("error"), body);
            } else {
                send(exchange, 404, "{\"errorMessage\":\"Unknown path\",\"errorType\":\"NotFound\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        byte[] event;
        String requestId;
        synchronized (this) {
            event = events.poll();
            requestId = event == null ? null : UUID.randomUUID().toString();
            currentRequestId = requestId;
        }
        if (event == null) {
            // Nothing more to invoke: Lambda would freeze the environment here; the test ends the process.
            awaitClosed();
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 20_000));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-67c42e6d-be34e4820f332f3b2e3d4419;Parent=53995c3f42cd8ad8;Sampled=0");
        exchange.sendResponseHeaders(200, event.length);
        exchange.getResponseBody().write(event);
    }

    private void posted(HttpExchange exchange, String requestId, boolean error, byte[] body) throws IOException {
        synchronized (this) {
            if (!requestId.equals(currentRequestId)) {
                send(exchange, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
                return;
            }
            currentRequestId = null;
            outcomes.add(new Outcome(requestId, utf8(body), error ? errorType(exchange) : null));
        }
        send(exchange, 202, "{\"status\":\"OK\"}");
        done.countDown();
    }

    private synchronized void failed(String why) {
        failures.add(why);
        while (done.getCount() > 0) {
            done.countDown();
        }
    }

    private void awaitClosed() {
        try {
            closed.await();
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
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
