package dev.oktaprov.entrypoints;

import java.util.Map;

/**
 * What an operation produced: the result object (a direct invocation's answer, an HTTP body), for HTTP the
 * status and any extra headers, and the {@code outcome} that names it in the log line ({@code CREATED}, ...).
 */
public record OperationResult(int status, JsonBody body, Map<String, String> headers, String outcome) {

    public static OperationResult ok(Map<String, Object> body, String outcome) {
        return ok(JsonBody.of(body), outcome);
    }

    /** 200 with a body that writes itself (a page streamed from Okta's answer). */
    public static OperationResult ok(JsonBody body, String outcome) {
        return new OperationResult(200, body, Map.of(), outcome);
    }

    /** 201 with {@code Location: location}. */
    public static OperationResult created(String location, Map<String, Object> body, String outcome) {
        return new OperationResult(201, JsonBody.of(body), Map.of("Location", location), outcome);
    }
}
