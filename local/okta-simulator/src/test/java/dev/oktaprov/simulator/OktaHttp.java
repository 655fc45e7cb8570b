package dev.oktaprov.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.testsupport.OktaContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real HTTP to a simulator, with the Okta contract checked on both sides: every request a test
 * sends must conform to the contract (or, when the test sends a bad one on purpose, must violate
 * it), and every answer on a path the contract describes must conform to it. Statuses the
 * contract does not list for an operation (401, 5xx...) must still carry Okta's error shape.
 */
final class OktaHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String baseUrl;
    private final String token;

    OktaHttp(OktaSimulator simulator) {
        this(simulator.baseUrl(), simulator.token());
    }

    OktaHttp(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    Answer get(String pathAndQuery) {
        return request("GET", pathAndQuery).send();
    }

    Answer post(String pathAndQuery, String json) {
        return request("POST", pathAndQuery).body(json).send();
    }

    /** Follows a Link URL as given (absolute). */
    Answer follow(String absoluteUrl) {
        return request("GET", absoluteUrl.substring(baseUrl.length())).send();
    }

    Request request(String method, String pathAndQuery) {
        return new Request(method, pathAndQuery);
    }

    final class Request {
        private final String method;
        private final String pathAndQuery;
        private String body;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private boolean violatesContract;

        private Request(String method, String pathAndQuery) {
            this.method = method;
            this.pathAndQuery = pathAndQuery;
            headers.put("Accept", List.of("application/json"));
            headers.put("Authorization", List.of("SSWS " + token));
        }

        Request body(String json) {
            this.body = json;
            headers.put("Content-Type", List.of("application/json"));
            return this;
        }

        Request header(String name, String value) {
            headers.put(name, List.of(value));
            return this;
        }

        Request withoutHeader(String name) {
            headers.remove(name);
            return this;
        }

        /** The test sends a request Okta's contract does not allow, on purpose; that is asserted too. */
        Request violatingContract() {
            this.violatesContract = true;
            return this;
        }

        Answer send() {
            URI uri = URI.create(baseUrl + pathAndQuery);
            checkRequest(uri);
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
            headers.forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
            builder.method(method, body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response;
            try {
                response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Answer answer = new Answer(response.statusCode(), response.headers().map(), response.body());
            checkResponse(uri, answer);
            return answer;
        }

        private void checkRequest(URI uri) {
            OktaContract contract = OktaContract.load();
            if (!contract.covers(method, uri.getRawPath())) {
                return;
            }
            if (violatesContract) {
                ValidationReport report = contract.checkRequest(method, uri, headers, body);
                assertThat(report.hasErrors()).as("the contract should refuse %s %s", method, pathAndQuery).isTrue();
            } else {
                contract.validateRequest(method, uri, headers, body);
            }
        }

        private void checkResponse(URI uri, Answer answer) {
            assertThat(answer.header("X-Okta-Request-Id")).as("X-Okta-Request-Id").isNotBlank();
            OktaContract contract = OktaContract.load();
            if (answer.status() >= 400 && uri.getRawPath().startsWith("/api/")) {
                assertOktaErrorShape(answer);
            }
            if (!contract.covers(method, uri.getRawPath())) {
                return;
            }
            ValidationReport report = contract.checkResponse(method, uri.getRawPath(), answer.status(),
                    answer.headers(), answer.body());
            List<ValidationReport.Message> errors = new ArrayList<>(report.getMessages().stream()
                    .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                    .toList());
            // A status the operation does not list (401, 5xx) cannot be checked against it; the error
            // shape was checked above.
            errors.removeIf(message -> message.getKey().equals("validation.response.status.unknown"));
            assertThat(errors)
                    .as("contract violations in the answer to %s %s:%n%s", method, pathAndQuery, OktaContract.describe(report))
                    .isEmpty();
        }
    }

    static void assertOktaErrorShape(Answer answer) {
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        JsonNode error = answer.json();
        assertThat(error.path("errorCode").asText()).matches("E\\d{7}");
        assertThat(error.path("errorSummary").asText()).isNotBlank();
        assertThat(error.path("errorLink").asText()).isEqualTo(error.path("errorCode").asText());
        assertThat(error.path("errorId").asText()).startsWith("oae");
        assertThat(error.path("errorCauses").isArray()).isTrue();
    }

    /** An HTTP answer: status, headers (case-insensitive lookups) and body. */
    record Answer(int status, Map<String, List<String>> headers, String body) {

        String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.get(0);
        }

        List<String> headers(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream())
                    .toList();
        }

        long longHeader(String name) {
            return Long.parseLong(header(name));
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String errorCode() {
            return json().path("errorCode").asText();
        }

        List<String> errorCauses() {
            List<String> causes = new ArrayList<>();
            json().path("errorCauses").forEach(cause -> causes.add(cause.path("errorSummary").asText()));
            return causes;
        }

        /** The URL of the Link header with this rel, or null. */
        String link(String rel) {
            for (String link : headers("Link")) {
                if (link.endsWith("rel=\"" + rel + "\"")) {
                    return link.substring(link.indexOf('<') + 1, link.indexOf('>'));
                }
            }
            return null;
        }
    }

    /** The JSON of a create request with the four base attributes. */
    static String newUser(String login, String firstName, String lastName) {
        return "{\"profile\":{\"login\":\"" + login + "\",\"email\":\"" + login + "\",\"firstName\":\"" + firstName
                + "\",\"lastName\":\"" + lastName + "\"}}";
    }

    static String newUserWithPassword(String login, String password) {
        return "{\"profile\":{\"login\":\"" + login + "\",\"email\":\"" + login
                + "\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"},\"credentials\":{\"password\":{\"value\":\""
                + password + "\"}}}";
    }

    /** Percent-encodes a query value or path segment the way a careful client does (space as %20). */
    static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
