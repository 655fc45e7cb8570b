package dev.oktaprov.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.okta.OktaJson;
import dev.oktaprov.okta.model.Profile;
import dev.oktaprov.okta.model.User;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sample events and a throwaway Lambda context for SnapStart priming: no real data, no network. */
public final class Priming {

    private static final String REQUEST_ID = "snapstart-priming";

    private Priming() {}

    /** A minimal HTTP API payload 2.0 event: the members the HTTP adapter reads. */
    public static Map<String, Object> httpEvent(String method, String rawPath, String routeKey,
            Map<String, String> pathParameters, Map<String, String> queryStringParameters, String body) {
        Map<String, Object> requestContext = new LinkedHashMap<>();
        requestContext.put("http", Map.of("method", method, "path", rawPath));
        requestContext.put("requestId", REQUEST_ID);
        requestContext.put("stage", "$default");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", rawPath);
        event.put("headers", Map.of("content-type", "application/json"));
        if (!queryStringParameters.isEmpty()) {
            event.put("queryStringParameters", queryStringParameters);
        }
        if (!pathParameters.isEmpty()) {
            event.put("pathParameters", pathParameters);
        }
        event.put("requestContext", requestContext);
        if (body != null) {
            event.put("body", body);
        }
        return event;
    }

    /** Writes and reads back a sample user: Jackson's serializers are built before the snapshot. */
    static void primeJackson() {
        ObjectMapper mapper = OktaJson.MAPPER;
        Instant at = Instant.parse("2026-01-05T10:00:00.000Z");
        User sample = new User("00uPRIMING0000000000", "STAGED", null, at, null, at, null, at, null, "otyPRIMING0000000000",
                Profile.of("priming@example.com", "Priming", "Sample", "priming@example.com", Map.of("department", "none")));
        try {
            mapper.readValue(mapper.writeValueAsBytes(sample), User.class);
            mapper.readValue(mapper.writeValueAsString(UserJson.user(sample)), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException("priming Jackson failed", e);
        }
    }

    /** A context with no time left: the Okta client gives up before it asks for credentials. */
    static Context context() {
        return InvocationContext.fromEnvironment(System.getenv(), "priming", Duration.ZERO);
    }
}
