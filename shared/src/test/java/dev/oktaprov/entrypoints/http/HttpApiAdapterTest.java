package dev.oktaprov.entrypoints.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.entrypoints.JsonValues;
import dev.oktaprov.entrypoints.NullMembers;
import dev.oktaprov.entrypoints.OperationResult;
import dev.oktaprov.entrypoints.SampleEvents;
import dev.oktaprov.errors.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The HTTP API trigger on the sample events, judged by AWS's own event class where it has one. */
class HttpApiAdapterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Object event(String name) throws Exception {
        return JsonValues.read(SampleEvents.bytes(name));
    }

    @Test
    void everyApiGatewaySampleIsAnHttpRequestAndNoOtherSampleIs() throws Exception {
        List<String> http = SampleEvents.named("apigw-");
        assertThat(http).hasSizeGreaterThanOrEqualTo(6);
        for (String name : http) {
            assertThat(HttpApiAdapter.accepts(event(name))).as(name).isTrue();
        }
        for (String name : SampleEvents.named("sfn-")) {
            assertThat(HttpApiAdapter.accepts(event(name))).as(name).isFalse();
        }
        for (String name : SampleEvents.named("sqs-")) {
            assertThat(HttpApiAdapter.accepts(event(name))).as(name).isFalse();
        }
    }

    @Test
    void readsEachSampleAsAwssOwnEventClassReadsIt() throws Exception {
        for (String name : SampleEvents.named("apigw-")) {
            APIGatewayV2HTTPEvent aws = EventLoader.loadApiGatewayHttpEvent(SampleEvents.DIRECTORY.resolve(name).toString());
            HttpApiRequest ours = HttpApiAdapter.request(event(name));

            assertThat(ours.method()).as(name).isEqualTo(aws.getRequestContext().getHttp().getMethod());
            assertThat(ours.rawPath()).as(name).isEqualTo(aws.getRawPath());
            assertThat(ours.routeKey()).as(name).isEqualTo(aws.getRouteKey());
            assertThat(ours.stage()).as(name).isEqualTo(aws.getRequestContext().getStage());
            assertThat(ours.requestId()).as(name).isEqualTo(aws.getRequestContext().getRequestId());
            assertThat(ours.pathParameters()).as(name).isEqualTo(orEmpty(aws.getPathParameters()));
            assertThat(ours.queryStringParameters()).as(name).isEqualTo(orEmpty(aws.getQueryStringParameters()));
            assertThat(ours.headers()).as(name).isEqualTo(lowerCased(aws.getHeaders()));
            assertThat(ours.body()).as(name).isEqualTo(aws.getBody());
            assertThat(HttpApiAdapter.requestId(event(name))).as(name).isEqualTo(aws.getRequestContext().getRequestId());
        }
    }

    @Test
    void takesParametersAsHttpApiDecodedThem() throws Exception {
        assertThat(HttpApiAdapter.request(event("apigw-get-user-plus-login.json")).pathParameter("id"))
                .contains("isaac.brock+it@example.com");
        assertThat(HttpApiAdapter.request(event("apigw-get-user-slash-login.json")).pathParameter("id"))
                .contains("it/ops@example.com");
        assertThat(HttpApiAdapter.request(event("apigw-list-users-filter.json")).queryStringParameters())
                .containsEntry("filter", "profile.lastName eq \"Brock\"").containsEntry("limit", "25");
        assertThat(HttpApiAdapter.request(event("apigw-create-user.json")).jsonObjectBody())
                .containsEntry("login", "isaac.brock@example.com");
    }

    @Test
    void writesAPayloadTwoResponseWithTheBodyAsJsonText() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "00u1");
        body.put("activated", null);
        body.put("quoted", "say \"hi\" \\ back\nnew line\u0001\t");
        body.put("text", "Søren 🚀 \u2028 </script>");
        body.put("numbers", Arrays.asList(0, -1, 1.5, Long.MAX_VALUE, null));
        body.put("profile", Map.of("costCenter", 42));

        JsonNode answer = JSON.readTree(written(OperationResult.created("/users/00u1", body, "CREATED")));

        assertThat(answer.path("statusCode").asInt()).isEqualTo(201);
        assertThat(answer.path("headers").path("content-type").asText()).isEqualTo("application/json");
        assertThat(answer.path("headers").path("cache-control").asText()).isEqualTo("no-store");
        assertThat(answer.path("headers").path("location").asText()).isEqualTo("/users/00u1");
        assertThat(answer.path("isBase64Encoded").isBoolean()).isTrue();
        assertThat(answer.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(answer.path("body").isTextual()).isTrue();
        assertThat(answer.path("body").asText()).as("the body's text is the body's JSON, null members kept")
                .isEqualTo(JsonValues.toJson(body, NullMembers.KEEP));
        assertThat(JSON.readTree(answer.path("body").asText())).isEqualTo(JSON.valueToTree(body));
        assertThat(fieldNames(answer)).containsExactly("statusCode", "headers", "body", "isBase64Encoded");
    }

    @Test
    void writesFailuresAsErrorResponses() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ApiErrors.response(InvalidInputException.of("email", "is required"), "req-1").writeTo(out);

        JsonNode answer = JSON.readTree(out.toByteArray());

        assertThat(answer.path("statusCode").asInt()).isEqualTo(400);
        JsonNode body = JSON.readTree(answer.path("body").asText());
        assertThat(body.path("code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(body.path("details").get(0).path("field").asText()).isEqualTo("email");
        assertThat(body.path("requestId").asText()).isEqualTo("req-1");
        assertThat(ApiErrors.status(InvalidInputException.of("email", "is required"))).isEqualTo(400);
    }

    private static String written(OperationResult result) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HttpApiResponse.of(result.status(), result.headers(), result.body()).writeTo(out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    private static Map<String, String> lowerCased(Map<String, String> headers) {
        return headers.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
    }
}
