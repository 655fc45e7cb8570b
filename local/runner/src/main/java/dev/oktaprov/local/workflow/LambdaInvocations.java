package dev.oktaprov.local.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.local.functions.LocalFunction;
import dev.oktaprov.entrypoints.InvocationContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Lambda's Invoke for the functions the state machine calls: the payload's bytes go into the real
 * stream handler (constructed once, like a warm function) with a fresh
 * context and the function's timeout. A thrown exception is answered as Lambda does: HTTP 200 with
 * {@code X-Amz-Function-Error: Unhandled} and {@code {"errorType": <class name>, "errorMessage": …}},
 * so a state machine's Retry and Catch match the class name as in AWS.
 */
final class LambdaInvocations {

    /** What Lambda answers: 200 and the function's result, a function error, or 404 for an unknown function. */
    record Invocation(int status, String body, boolean functionError) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, LocalFunction> functions;
    private final String region;
    private final Clock clock;
    private final Consumer<String> logSink;

    LambdaInvocations(Map<String, LocalFunction> functions, String region,
            Clock clock, Consumer<String> logSink) {
        this.functions = Map.copyOf(functions);
        this.region = region;
        this.clock = clock;
        this.logSink = logSink;
    }

    /** The function's short name from a name, an ARN, or an ARN with a version or alias. */
    static String functionName(String nameOrArn) {
        int at = nameOrArn.indexOf(":function:");
        String name = at < 0 ? nameOrArn : nameOrArn.substring(at + ":function:".length());
        int qualifier = name.indexOf(':');
        return qualifier < 0 ? name : name.substring(0, qualifier);
    }

    Invocation invoke(String nameOrArn, byte[] payload) {
        LocalFunction function = functions.get(functionName(nameOrArn));
        if (function == null) {
            return new Invocation(404, error("ResourceNotFoundException", "Function not found: " + nameOrArn), false);
        }
        InvocationContext context = InvocationContext.start(function.spec().name(), region, function.spec().memoryMb(),
                function.spec().timeout(), clock, logSink);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            function.handler().handleRequest(new ByteArrayInputStream(payload), answer, context);
            return new Invocation(200, answer.toString(StandardCharsets.UTF_8), false);
        } catch (IOException | RuntimeException | Error e) {
            // The core's exceptions carry no secret in their message; Lambda reports the class by its full name.
            logSink.accept(context.getAwsRequestId() + " " + function.spec().name() + " Invoke Error " + e.getClass().getName());
            return new Invocation(200, error(e.getClass().getName(), Optional.ofNullable(e.getMessage()).orElse("")), true);
        }
    }

    private static String error(String type, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("errorType", type);
        body.put("errorMessage", message);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
