package dev.oktaprov.local.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpApiEventTest {

    private static final Instant NOW = Instant.parse("2026-04-10T13:30:05.529Z");

    @Test
    void aRequestBecomesAPayload20Event() {
        HttpApiEvent.Request request = new HttpApiEvent.Request("GET", "/users/sam%2Bit%40example.com",
                "q=a+b&tag=x&tag=y%2Cz&flag", List.of(
                        Map.entry("Host", "127.0.0.1:3000"),
                        Map.entry("User-Agent", "curl/8.5.0"),
                        Map.entry("X-Trace", "one"),
                        Map.entry("x-trace", "two"),
                        Map.entry("Cookie", "a=1; b=2")),
                new byte[0], "127.0.0.1", "HTTP/1.1");
        RouteTable.Match<String> route = new RouteTable.Match<>("GET /users/{id+}", Map.of("id", "sam+it@example.com"), "get");

        Map<String, Object> event = HttpApiEvent.of(request, route, "abc=", NOW);

        assertThat(event).containsEntry("version", "2.0")
                .containsEntry("routeKey", "GET /users/{id+}")
                .containsEntry("rawPath", "/users/sam+it@example.com")
                .containsEntry("rawQueryString", "q=a+b&tag=x&tag=y%2Cz&flag")
                .containsEntry("cookies", List.of("a=1", "b=2"))
                .containsEntry("headers", Map.of("host", "127.0.0.1:3000", "user-agent", "curl/8.5.0", "x-trace", "one,two"))
                .containsEntry("queryStringParameters", Map.of("q", "a+b", "tag", "x,y,z", "flag", ""))
                .containsEntry("pathParameters", Map.of("id", "sam+it@example.com"))
                .containsEntry("isBase64Encoded", false)
                .doesNotContainKey("body");
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) event.get("requestContext");
        assertThat(context).containsEntry("accountId", "000000000000")
                .containsEntry("apiId", "local")
                .containsEntry("domainName", "127.0.0.1")
                .containsEntry("requestId", "abc=")
                .containsEntry("routeKey", "GET /users/{id+}")
                .containsEntry("stage", "$default")
                .containsEntry("time", "10/Apr/2026:13:30:05 +0000")
                .containsEntry("timeEpoch", NOW.toEpochMilli())
                .containsEntry("http", Map.of("method", "GET", "path", "/users/sam+it@example.com", "protocol", "HTTP/1.1",
                        "sourceIp", "127.0.0.1", "userAgent", "curl/8.5.0"));
    }

    @Test
    void textBodiesStayTextAndOthersAreBase64() {
        byte[] json = "{\"login\":\"zoë@example.com\"}".getBytes(StandardCharsets.UTF_8);
        RouteTable.Match<String> route = new RouteTable.Match<>("POST /users", Map.of(), "create");

        Map<String, Object> asJson = HttpApiEvent.of(post(json, "application/json; charset=utf-8"), route, "r", NOW);
        Map<String, Object> asForm = HttpApiEvent.of(post(json, "application/x-www-form-urlencoded"), route, "r", NOW);
        Map<String, Object> untyped = HttpApiEvent.of(post(json, null), route, "r", NOW);

        assertThat(asJson).containsEntry("body", "{\"login\":\"zoë@example.com\"}").containsEntry("isBase64Encoded", false);
        assertThat(asForm).containsEntry("body", Base64.getEncoder().encodeToString(json)).containsEntry("isBase64Encoded", true);
        assertThat(untyped).containsEntry("isBase64Encoded", true).doesNotContainKey("pathParameters")
                .doesNotContainKey("queryStringParameters");
    }

    private static HttpApiEvent.Request post(byte[] body, String contentType) {
        List<Map.Entry<String, String>> headers = contentType == null ? List.of()
                : List.of(Map.entry("Content-Type", contentType));
        return new HttpApiEvent.Request("POST", "/users", null, headers, body, "127.0.0.1", "HTTP/1.1");
    }
}
