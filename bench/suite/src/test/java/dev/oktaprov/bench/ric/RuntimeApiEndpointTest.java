package dev.oktaprov.bench.ric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's Runtime API endpoint, judged by the real Lambda runtime interface client (copied to
 * target/lambda-runtime by Maven): it must run a {@code RequestHandler} and a
 * {@code RequestStreamHandler} alike, pass them the request id and ARN, and take their errors.
 */
class RuntimeApiEndpointTest {

    private static final Path RUNTIME = Path.of("target", "lambda-runtime");
    private static final Path TASK_ROOT = Path.of("target", "test-classes").toAbsolutePath();
    private static final byte[] FIRST = "{\"id\":\"first\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SECOND = "{\"id\":\"second\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theClientRunsATypedHandlerTwiceAndTheTimelineOrdersItsSteps(@TempDir Path dir) throws Exception {
        RuntimeApiTimeline timeline = runUnderTheClient(TestHandlers.EchoMap.class, dir);

        assertThat(timeline.answers()).isEqualTo(2);
        assertThat(timeline.answer(0)).contains("\"statusCode\":200", "\"id\":\"first\"", "\"remainingPositive\":true",
                "arn:aws:lambda:us-east-1:000000000000:function:echo:live");
        assertThat(timeline.answer(1)).contains("\"id\":\"second\"");
        assertThat(timeline.answer(0)).doesNotContain(requestIdOf(timeline.answer(1)));
        assertThat(timeline.firstNext()).isPositive().isLessThanOrEqualTo(timeline.handedOut(0));
        assertThat(timeline.answered(0)).isGreaterThan(timeline.handedOut(0)).isLessThan(timeline.handedOut(1));
        assertThat(timeline.cpuAtAnswer(0)).isPositive();
        assertThat(timeline.peakRssKb()).isPositive();
    }

    @Test
    void theClientRunsAStreamHandlerWithTheEventsBytes(@TempDir Path dir) throws Exception {
        RuntimeApiTimeline timeline = runUnderTheClient(TestHandlers.EchoStream.class, dir);

        assertThat(timeline.answer(0)).isEqualTo("{\"statusCode\":200,\"event\":{\"id\":\"first\"}}");
        assertThat(timeline.answer(1)).isEqualTo("{\"statusCode\":200,\"event\":{\"id\":\"second\"}}");
    }

    @Test
    void aHandlersExceptionArrivesOnTheErrorPathWithItsType(@TempDir Path dir) {
        assertThatThrownBy(() -> runUnderTheClient(TestHandlers.Failing.class, dir))
                .isInstanceOf(RuntimeProcess.Failure.class)
                .hasMessageContaining("the function answered with an error")
                .hasMessageContaining("IllegalStateException")
                .hasMessageContaining("boom from the handler");
    }

    @Test
    void aPostForAnotherRequestIdIsRefusedAndAnOversizedResponseIsTooLarge() throws Exception {
        RuntimeApiTimeline timeline = new RuntimeApiTimeline(1);
        try (RuntimeApiEndpoint endpoint = endpoint(timeline, "token")) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://" + endpoint.hostAndPort() + "/2018-06-01/runtime/invocation/";
            HttpResponse<String> next = http.send(HttpRequest.newBuilder(URI.create(base + "next")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String requestId = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();

            assertThat(next.statusCode()).isEqualTo(200);
            assertThat(next.body()).isEqualTo("{\"id\":\"first\"}");
            assertThat(Long.parseLong(next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow()))
                    .isGreaterThan(System.currentTimeMillis() + 15_000);
            assertThat(next.headers().firstValue("Lambda-Runtime-Trace-Id").orElseThrow()).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
            assertThat(post(http, base + "not-" + requestId + "/response", new byte[2]).statusCode()).isEqualTo(400);
            assertThat(post(http, base + requestId + "/response", new byte[RuntimeApiEndpoint.MAX_RESPONSE_BYTES + 1]).statusCode())
                    .isEqualTo(413);
            assertThat(timeline.failure()).contains("over Lambda's");
        }
    }

    @Test
    void containerCredentialsNeedTheAuthorizationToken() throws Exception {
        try (RuntimeApiEndpoint endpoint = endpoint(new RuntimeApiTimeline(1), "the-token")) {
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create(endpoint.credentialsUri());
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(uri).header("Authorization", "other").build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> served = http.send(HttpRequest.newBuilder(uri).header("Authorization", "the-token").build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.body()).contains("\"AccessKeyId\"", "\"SecretAccessKey\"", "\"Token\"", "\"Expiration\"");
        }
    }

    private static RuntimeApiTimeline runUnderTheClient(Class<?> handler, Path dir) throws Exception {
        ManagedJavaRuntime runtime = ManagedJavaRuntime.in(RUNTIME);
        RuntimeApiTimeline timeline = new RuntimeApiTimeline(2);
        try (RuntimeApiEndpoint endpoint = endpoint(timeline, "token")) {
            ProcessBuilder builder = new ProcessBuilder(runtime.command(256, List.of(), handler.getName()))
                    .directory(TASK_ROOT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("runtime.log").toFile());
            builder.environment().clear();
            builder.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "AWS_LAMBDA_RUNTIME_API", endpoint.hostAndPort(),
                    "_HANDLER", handler.getName(), "LAMBDA_TASK_ROOT", TASK_ROOT.toString(), "AWS_LAMBDA_FUNCTION_NAME", "echo",
                    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256", "AWS_REGION", "us-east-1"));
            RuntimeProcess.run(builder, timeline, 60);
        }
        return timeline;
    }

    private static RuntimeApiEndpoint endpoint(RuntimeApiTimeline timeline, String token) {
        return new RuntimeApiEndpoint("echo", "us-east-1", 20_000, token, List.of(FIRST, SECOND), timeline);
    }

    private static HttpResponse<String> post(HttpClient http, String uri, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String requestIdOf(String answer) {
        int at = answer.indexOf("\"requestId\":\"") + "\"requestId\":\"".length();
        return answer.substring(at, answer.indexOf('"', at));
    }
}
