package dev.oktaprov.local.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.local.functions.FunctionCounters;
import dev.oktaprov.local.functions.FunctionSpec;
import dev.oktaprov.local.functions.LocalFunction;
import dev.oktaprov.testsupport.StreamInvocation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/** The HTTP side of the adapter, over real HTTP, with handlers that show what they were given. */
class LocalHttpApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> log = new ArrayList<>();
    private LocalHttpApi api;

    @BeforeEach
    void start() {
        Map<String, LocalFunction> functions = new LinkedHashMap<>();
        functions.put("POST /users", function("create-user", new EchoHandler()));
        functions.put("GET /users/{id+}", function("get-user", new EchoHandler()));
        functions.put("GET /users", function("list-users", new PlainAnswerHandler()));
        functions.put("GET /broken", function("broken", (event, context) -> {
            throw new IllegalStateException("boom");
        }));
        api = LocalHttpApi.start(0, functions, "eu-west-1", Clock.systemUTC(), log::add);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void theHandlerGetsTheEventHttpApiWouldSend() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/users/team%2Fsam+it%40example.com?tag=a&tag=b"))
                .header("X-Custom", "yes").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("apigw-requestid")).isPresent();
        Map<String, Object> event = JSON.readValue(response.body(), Map.class);
        assertThat(event).containsEntry("routeKey", "GET /users/{id+}")
                .containsEntry("rawPath", "/users/team/sam+it@example.com")
                .containsEntry("pathParameters", Map.of("id", "team/sam+it@example.com"))
                .containsEntry("queryStringParameters", Map.of("tag", "a,b"));
        assertThat((Map<String, Object>) event.get("headers")).containsEntry("x-custom", "yes");
        assertThat((Map<String, Object>) event.get("requestContext"))
                .containsEntry("requestId", response.headers().firstValue("apigw-requestid").orElseThrow());
        assertThat(response.headers().firstValue("x-function")).contains("get-user eu-west-1 1024");
        assertThat(Long.parseLong(response.headers().firstValue("x-remaining-ms").orElseThrow()))
                .isPositive().isLessThanOrEqualTo(20_000);
    }

    @Test
    void aJsonBodyArrivesAsText() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/users"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"zoë@example.com\"}")));

        Map<String, Object> event = JSON.readValue(response.body(), Map.class);
        assertThat(event).containsEntry("body", "{\"login\":\"zoë@example.com\"}").containsEntry("isBase64Encoded", false);
    }

    @Test
    void theResponseMapBecomesTheHttpAnswer() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/users"))
                .header("Content-Type", "application/json")
                .header("X-Answer", "binary")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("decoded");
        assertThat(response.headers().allValues("set-cookie")).containsExactly("a=1", "b=2");
    }

    @Test
    void aResponseWithoutStatusCodeIsA200WithItselfAsJson() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/users?limit=1")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(JSON.readValue(response.body(), Map.class)).isEqualTo(Map.of("users", List.of()));
    }

    @Test
    void unknownRoutesAndMethodsAreHttpApisNotFound() throws Exception {
        HttpResponse<String> unknownPath = send(HttpRequest.newBuilder(uri("/groups")).GET());
        HttpResponse<String> unknownMethod = send(HttpRequest.newBuilder(uri("/users")).DELETE());

        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(unknownPath.body()).isEqualTo("{\"message\":\"Not Found\"}");
        assertThat(unknownMethod.statusCode()).isEqualTo(404);
    }

    @Test
    void aHandlerThatThrowsIsA500AndItsErrorGoesToTheLog() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/broken")).GET());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(log).anySatisfy(line -> assertThat(line).contains("Invoke Error").contains("boom"));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create(api.baseUrl() + pathAndQuery);
    }

    private static LocalFunction function(String name, RequestHandler<Map<String, Object>, ?> handler) {
        return new LocalFunction(new FunctionSpec(name, handler.getClass().getName(), Duration.ofSeconds(20), 1024),
                StreamInvocation.ofMaps(handler), new FunctionCounters(MetricsFactory.getMetricsInstance()));
    }

    /** Answers with the event it received as the body; "x-answer: binary" asks for a base64 body and cookies. */
    static final class EchoHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            Map<String, Object> response = new LinkedHashMap<>();
            @SuppressWarnings("unchecked")
            Map<String, Object> headers = (Map<String, Object>) event.get("headers");
            if ("binary".equals(headers.get("x-answer"))) {
                response.put("statusCode", 202);
                response.put("cookies", List.of("a=1", "b=2"));
                response.put("body", Base64.getEncoder().encodeToString("decoded".getBytes()));
                response.put("isBase64Encoded", true);
                return response;
            }
            response.put("statusCode", 200);
            response.put("headers", Map.of("Content-Type", "application/json",
                    "X-Function", context.getFunctionName() + " " + context.getInvokedFunctionArn().split(":")[3] + " "
                            + context.getMemoryLimitInMB(),
                    "X-Remaining-Ms", Integer.toString(context.getRemainingTimeInMillis())));
            try {
                response.put("body", JSON.writeValueAsString(event));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return response;
        }
    }

    /** Returns a plain object, as a handler may: HTTP API makes it a 200 JSON answer. */
    static final class PlainAnswerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            return Map.of("users", List.of());
        }
    }
}
