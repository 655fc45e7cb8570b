package dev.oktaprov.local.workflow;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one loopback endpoint the local workflow has: Lambda's Invoke for the state machine's tasks,
 * Step Functions' StartExecution for the onboarding function (through {@link ExecutionStarts}), and
 * every other request to whatever stands behind (moto_server, or nothing).
 */
final class WorkflowFront implements AutoCloseable {

    /** An HTTP answer. */
    record Answer(int status, Map<String, String> headers, byte[] body) {

        static Answer json(int status, String json) {
            return new Answer(status, Map.of("Content-Type", "application/x-amz-json-1.0"), json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** What answers StartExecution: moto behind a workaround, or the local scheduler. */
    interface ExecutionStarts {
        Answer start(Map<String, String> headers, byte[] requestBody);
    }

    /** What answers everything else. */
    interface Others {
        Answer answer(String method, String pathAndQuery, Map<String, String> headers, byte[] body);
    }

    static final String START_EXECUTION = "AWSStepFunctions.StartExecution";
    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");

    private final HttpServer server;
    private final ExecutorService workers;
    private volatile LambdaInvocations lambda;
    private volatile ExecutionStarts starts;
    private volatile Others others;

    private WorkflowFront(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /** Listens on a free loopback port; answers 503 until {@link #serve} says how. */
    static WorkflowFront listen() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1 for the local workflow", e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "local-workflow-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        WorkflowFront front = new WorkflowFront(server, workers);
        server.createContext("/", front::serve);
        server.setExecutor(workers);
        server.start();
        return front;
    }

    void serve(LambdaInvocations invocations, ExecutionStarts executionStarts, Others everythingElse) {
        this.lambda = invocations;
        this.starts = executionStarts;
        this.others = everythingElse;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            byte[] body = read(exchange.getRequestBody());
            Answer answer;
            try {
                answer = answer(exchange, body);
            } catch (RuntimeException e) {
                answer = Answer.json(500, "{\"__type\":\"InternalFailure\",\"message\":\"" + e.getClass().getSimpleName() + "\"}");
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        } catch (IOException e) {
            // The caller went away.
        }
    }

    private Answer answer(HttpExchange exchange, byte[] body) {
        if (lambda == null) {
            return Answer.json(503, "{\"__type\":\"ServiceUnavailable\",\"message\":\"starting\"}");
        }
        Matcher invoke = INVOKE.matcher(exchange.getRequestURI().getRawPath());
        if (exchange.getRequestMethod().equals("POST") && invoke.matches()) {
            LambdaInvocations.Invocation invocation = lambda.invoke(URLDecoder.decode(invoke.group(1), StandardCharsets.UTF_8), body);
            Map<String, String> headers = invocation.functionError()
                    ? Map.of("Content-Type", "application/json", "X-Amz-Function-Error", "Unhandled", "X-Amz-Executed-Version", "1")
                    : Map.of("Content-Type", "application/json", "X-Amz-Executed-Version", "1");
            return new Answer(invocation.status(), headers, invocation.body().getBytes(StandardCharsets.UTF_8));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        if (START_EXECUTION.equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
            return starts.start(headers, body);
        }
        String query = exchange.getRequestURI().getRawQuery();
        return others.answer(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                headers, body);
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

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
}
