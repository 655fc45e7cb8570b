package dev.oktaprov.simulator.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Plain HTTP to a simulator's token endpoint and API, on loopback. */
final class TokenEndpoint {

    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, String body, HttpHeaders headers) {

        /** The first value of the response header {@code name} (any case), or null. */
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return TestServiceApp.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String error() {
            return json().path("error").asText();
        }
    }

    private final String baseUrl;

    TokenEndpoint(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String url() {
        return baseUrl + "/oauth2/v1/token";
    }

    /** The standard form: client_credentials, the scopes, the assertion. */
    static Map<String, String> form(String scopes, String assertion) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("scope", scopes);
        form.put("client_assertion_type", ASSERTION_TYPE);
        form.put("client_assertion", assertion);
        return form;
    }

    Answer post(Map<String, String> form) {
        return post(form, Map.of());
    }

    /** The form with further request headers, such as a {@code DPoP} proof. */
    Answer post(Map<String, String> form, Map<String, String> headers) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url()));
        headers.forEach(request::header);
        return send(request
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer token(String scopes, String assertion) {
        return post(form(scopes, assertion));
    }

    /** An /api request with {@code Authorization}. */
    Answer api(String method, String pathAndQuery, String authorization, String json) {
        return api(method, pathAndQuery, authorization, json, Map.of());
    }

    /** An /api request with {@code Authorization} and further headers, such as a {@code DPoP} proof. */
    Answer api(String method, String pathAndQuery, String authorization, String json, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery));
        headers.forEach(builder::header);
        builder.header("Accept", "application/json")
                .header("Authorization", authorization);
        if (json != null) {
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(builder);
    }

    static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
