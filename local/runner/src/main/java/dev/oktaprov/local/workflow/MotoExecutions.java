package dev.oktaprov.local.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Step Functions as moto_server 5.2.1 runs it, with the work-around its StartExecution needs: a
 * second execution in one account and region fails with HTTP 500 (getmoto/moto#10077, fixed in
 * 5.2.3), so every new execution starts in a reset moto with the state machine created again.
 * A reset forgets the executions that are still running, but they go on (their Waits and Lambda
 * calls included); what it forgets is their names, so this class remembers them: the same name
 * and input answers as before, another input with that name is refused as Step Functions does.
 */
final class MotoExecutions implements WorkflowFront.ExecutionStarts, WorkflowFront.Others {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers the JDK client sets itself, or that describe the hop rather than the request. */
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "date", "server");

    private final MotoProcess moto;
    private final String stateMachineArn;
    private final Runnable createStateMachine;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Started> started = new HashMap<>();

    private record Started(String input, WorkflowFront.Answer answer) {}

    MotoExecutions(MotoProcess moto, String stateMachineArn, Runnable createStateMachine) {
        this.moto = moto;
        this.stateMachineArn = stateMachineArn;
        this.createStateMachine = createStateMachine;
    }

    @Override
    public synchronized WorkflowFront.Answer start(Map<String, String> headers, byte[] requestBody) {
        ObjectNode request = read(requestBody);
        if (!request.hasNonNull("name")) {
            // Without a name moto's execution ARN ends in ":None".
            request.put("name", UUID.randomUUID().toString());
        }
        String name = request.path("name").asText();
        String input = request.path("input").asText("{}");
        if (!stateMachineArn.equals(request.path("stateMachineArn").asText())) {
            return WorkflowFront.Answer.json(400, "{\"__type\":\"StateMachineDoesNotExist\",\"message\":\"State Machine Does Not Exist: '"
                    + request.path("stateMachineArn").asText() + "'\"}");
        }
        Started known = started.get(name);
        if (known != null) {
            return known.input().equals(input) ? known.answer()
                    : WorkflowFront.Answer.json(400, "{\"__type\":\"ExecutionAlreadyExists\",\"message\":\"Execution Already Exists: '"
                            + name + "'\"}");
        }
        moto.reset();
        createStateMachine.run();
        // The caller's headers (its region is in the signature's scope; moto checks no signature) with the name added.
        WorkflowFront.Answer answer = forward("POST", "/", headers, write(request));
        if (answer.status() == 200) {
            started.put(name, new Started(input, answer));
        }
        return answer;
    }

    @Override
    public WorkflowFront.Answer answer(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        return forward(method, pathAndQuery, headers, body);
    }

    private WorkflowFront.Answer forward(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(moto.endpoint() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                request.header(name, value);
            }
        });
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> answerHeaders = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !values.isEmpty()) {
                    answerHeaders.put(name, values.get(0));
                }
            });
            return new WorkflowFront.Answer(response.statusCode(), answerHeaders, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("moto_server did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static ObjectNode read(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node instanceof ObjectNode object ? object : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static byte[] write(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
