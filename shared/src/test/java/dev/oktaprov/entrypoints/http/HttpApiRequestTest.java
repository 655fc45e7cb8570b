package dev.oktaprov.entrypoints.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktaprov.entrypoints.Priming;
import dev.oktaprov.errors.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpApiRequestTest {

    private static Map<String, Object> event(String method, String rawPath, Object body, boolean base64) {
        Map<String, Object> event = new HashMap<>(Priming.httpEvent(method, rawPath, "GET /users/{id+}",
                Map.of("id", "jane+ops@example.com"), Map.of("limit", "5"), null));
        event.put("headers", Map.of("Content-Type", "application/json", "X-Amzn-Trace-Id", "Root=1"));
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", base64);
        return event;
    }

    @Test
    void callerDetectionNeedsVersionTwoAndAnHttpRequestContext() {
        assertThat(HttpApiAdapter.accepts(event("GET", "/users", null, false))).isTrue();
        assertThat(HttpApiAdapter.accepts(Map.of("version", "2.0", "login", "x@example.com"))).isFalse();
        assertThat(HttpApiAdapter.accepts(Map.of("version", "2.0", "requestContext", Map.of("requestId", "r")))).isFalse();
        assertThat(HttpApiAdapter.accepts(Map.of("version", "1.0", "requestContext", Map.of("http", Map.of())))).isFalse();
        assertThat(HttpApiAdapter.accepts(Map.of("id", "00u1"))).isFalse();
        assertThat(HttpApiAdapter.accepts(null)).isFalse();
    }

    @Test
    void readsTheRequestWithoutDecodingParametersAgain() {
        HttpApiRequest request = HttpApiAdapter.request(event("get", "/users/jane+ops@example.com", null, false));

        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.rawPath()).isEqualTo("/users/jane+ops@example.com");
        assertThat(request.pathParameter("id")).contains("jane+ops@example.com");
        assertThat(request.queryStringParameters()).containsEntry("limit", "5");
        assertThat(request.headers()).containsEntry("content-type", "application/json").containsKey("x-amzn-trace-id");
        assertThat(request.requestId()).isEqualTo("snapstart-priming");
        assertThat(request.body()).isNull();
    }

    @Test
    void aBase64BodyIsDecodedAndBadOnesAreRefused() {
        String json = "{\"firstName\":\"Søren\"}";
        String encoded = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));

        assertThat(HttpApiAdapter.request(event("POST", "/users", encoded, true)).jsonObjectBody()).containsEntry("firstName", "Søren");
        assertThatThrownBy(() -> HttpApiAdapter.request(event("POST", "/users", "%%not base64%%", true)))
                .isInstanceOfSatisfying(HttpApiException.class, e -> assertThat(e.code()).isEqualTo("MALFORMED_JSON"));
        String latin1 = Base64.getEncoder().encodeToString("{\"a\":\"S\u00f8ren\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> HttpApiAdapter.request(event("POST", "/users", latin1, true)))
                .isInstanceOfSatisfying(HttpApiException.class, e -> assertThat(e.getMessage()).contains("UTF-8"));
    }

    @Test
    void bodiesOverTheLimitAre413BeforeParsingPlainOrBase64() {
        String big = "{\"a\":\"" + "x".repeat(HttpApiAdapter.MAX_BODY_BYTES) + "\"}";
        String multiByte = "{\"a\":\"" + "ø".repeat(HttpApiAdapter.MAX_BODY_BYTES / 2 + 1) + "\"}";
        String bigBase64 = Base64.getEncoder().encodeToString(big.getBytes(StandardCharsets.UTF_8));
        String atLimit = "{\"a\":\"" + "x".repeat(HttpApiAdapter.MAX_BODY_BYTES - 8) + "\"}";

        for (Map<String, Object> event : new Map[] {event("POST", "/users", big, false), event("POST", "/users", multiByte, false),
                event("POST", "/users", bigBase64, true)}) {
            assertThatThrownBy(() -> HttpApiAdapter.request(event))
                    .isInstanceOfSatisfying(HttpApiException.class, e -> assertThat(e.status()).isEqualTo(413));
        }
        assertThat(HttpApiAdapter.request(event("POST", "/users", atLimit, false)).jsonObjectBody()).containsKey("a");
    }

    @Test
    void jsonBodiesMustBeOneObjectWithoutDuplicateKeys() {
        assertThat(HttpApiAdapter.request(event("POST", "/users", "{\"n\":1,\"l\":[true,null],\"o\":{\"x\":1.5}}", false))
                .jsonObjectBody()).containsEntry("n", 1).containsKey("l").containsKey("o");
        for (String bad : new String[] {"", "   ", "{", "{\"a\":1}{", "{\"a\":1,\"a\":2}", "{'a':1}", "{\"a\":01}"}) {
            assertThatThrownBy(() -> HttpApiAdapter.request(event("POST", "/users", bad, false)).jsonObjectBody())
                    .as(bad).isInstanceOfSatisfying(HttpApiException.class, e -> assertThat(e.code()).isEqualTo("MALFORMED_JSON"));
        }
        assertThatThrownBy(() -> HttpApiAdapter.request(event("POST", "/users", "\"text\"", false)).jsonObjectBody())
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aRepeatedKeyIsNamedWithoutItsValues() {
        String repeated = "{\"login\":\"a@b.co\",\"login\":\"c@d.co\"}";
        String nested = "{\"profile\":{\"title\":\"x\",\"title\":\"Secr3t-title\"}}";
        String lineBreak = "{\"a\\nb\":1,\"a\\nb\":2}";
        String longKey = "{\"" + "k".repeat(101) + "\":1,\"" + "k".repeat(101) + "\":2}";

        assertThat(malformed(repeated)).isEqualTo("The request body repeats the key 'login' (line 1, column 19);"
                + " a key may appear once in each JSON object").doesNotContain("a@b.co", "c@d.co");
        assertThat(malformed(nested)).startsWith("The request body repeats the key 'title' (line 1").doesNotContain("Secr3t");
        assertThat(malformed(lineBreak)).as("a line break in a key never reaches a log line")
                .startsWith("The request body repeats a key (line 1").doesNotContain("\n");
        assertThat(malformed(longKey)).startsWith("The request body repeats a key (line 1").doesNotContain("kkk");
    }

    private static String malformed(String body) {
        try {
            HttpApiAdapter.request(event("POST", "/users", body, false)).jsonObjectBody();
        } catch (HttpApiException e) {
            assertThat(e.code()).isEqualTo("MALFORMED_JSON");
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + body);
    }

    @Test
    void aBodyFromAFileWithAByteOrderMarkIsRead() {
        String json = "\uFEFF{\"login\":\"jane.doe@example.com\"}";
        String base64 = java.util.Base64.getEncoder().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(HttpApiAdapter.request(event("POST", "/users", json, false)).jsonObjectBody())
                .containsEntry("login", "jane.doe@example.com");
        assertThat(HttpApiAdapter.request(event("POST", "/users", base64, true)).jsonObjectBody())
                .containsEntry("login", "jane.doe@example.com");
    }

    @Test
    void printsNeitherBodyNorHeaders() {
        HttpApiRequest request = HttpApiAdapter.request(event("POST", "/users", "{\"password\":\"hunter2hunter2\"}", false));

        assertThat(request.toString()).doesNotContain("hunter2").doesNotContain("Root=1");
    }
}
