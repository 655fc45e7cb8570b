package dev.oktaprov.local.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Without moto_server, no Amazon States Language interpreter runs here. The onboarding queue's
 * StartExecution still gets an answer, and the one thing such an execution does is done: at
 * {@code activateAt} the real activate-user function activates the STAGED user (then get-user reads
 * it back), as the state machine's WaitForStartDate, ActivateUser and ReadBackUser would. Retries,
 * Catch and the execution's output are the state machine's and do not exist here; a start that is
 * not such an activation (a create form) is refused with a message saying to install moto_server.
 */
final class ScheduledActivations implements WorkflowFront.ExecutionStarts, WorkflowFront.Others, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaInvocations lambda;
    private final String stateMachineArn;
    private final Clock clock;
    private final Consumer<String> log;
    private final Map<String, String> inputsByName = new HashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "local-activations");
        thread.setDaemon(true);
        return thread;
    });

    ScheduledActivations(LambdaInvocations lambda, String stateMachineArn, Clock clock, Consumer<String> log) {
        this.lambda = lambda;
        this.stateMachineArn = stateMachineArn;
        this.clock = clock;
        this.log = log;
    }

    @Override
    public synchronized WorkflowFront.Answer start(Map<String, String> headers, byte[] requestBody) {
        JsonNode request = read(requestBody);
        JsonNode input = read(request.path("input").asText("{}").getBytes(StandardCharsets.UTF_8));
        String name = request.path("name").asText("");
        if (!stateMachineArn.equals(request.path("stateMachineArn").asText())) {
            return error("StateMachineDoesNotExist", "State Machine Does Not Exist");
        }
        Instant activateAt = instant(input.path("activateAt").asText(""));
        if (name.isEmpty() || !input.hasNonNull("id") || activateAt == null) {
            return error("InvalidExecutionInput", "Without moto_server the local run schedules only the activations the"
                    + " onboarding queue starts ({id, activateAt}); install moto_server to run the whole workflow");
        }
        String known = inputsByName.putIfAbsent(name, input.toString());
        if (known != null && !known.equals(input.toString())) {
            return error("ExecutionAlreadyExists", "Execution Already Exists: '" + name + "'");
        }
        if (known == null) {
            String userId = input.path("id").asText();
            long delay = Math.max(0, Duration.between(clock.instant(), activateAt).toMillis());
            scheduler.schedule(() -> activate(userId), delay, TimeUnit.MILLISECONDS);
        }
        return WorkflowFront.Answer.json(200, "{\"executionArn\":\"" + stateMachineArn.replace(":stateMachine:", ":execution:")
                + ":" + name + "\",\"startDate\":" + clock.instant().getEpochSecond() + "}");
    }

    @Override
    public WorkflowFront.Answer answer(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        return error("UnknownOperationException", "The local run without moto_server answers StartExecution only");
    }

    private void activate(String userId) {
        byte[] payload = ("{\"id\":" + JSON.valueToTree(userId) + "}").getBytes(StandardCharsets.UTF_8);
        LambdaInvocations.Invocation activated = lambda.invoke("activate-user", payload);
        if (!activated.functionError()) {
            lambda.invoke("get-user", payload);
        }
        log.accept("local scheduler: start date of Okta user " + userId + " came: activate-user answered " + activated.body());
    }

    private static WorkflowFront.Answer error(String type, String message) {
        return WorkflowFront.Answer.json(400, JSON.createObjectNode().put("__type", type).put("message", message).toString());
    }

    private static Instant instant(String text) {
        try {
            return text.isEmpty() ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static JsonNode read(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
