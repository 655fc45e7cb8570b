package dev.oktaprov.aws;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Step Functions' {@code StartExecution}, the one Step Functions call a function makes, without the
 * AWS SDK: a signed AWS JSON 1.0 request ({@code X-Amz-Target: AWSStepFunctions.StartExecution},
 * signing name {@code states}) through {@link AwsJsonClient}. Errors come as
 * {@link AwsCallException}s for the caller to sort ({@code ExecutionAlreadyExists} among them).
 */
public final class StepFunctionsStarter {

    /** The signing name and endpoint prefix of Step Functions. */
    public static final String SERVICE = "states";
    static final String START_EXECUTION = "AWSStepFunctions.StartExecution";
    private static final Set<String> FIELDS = Set.of("executionArn");
    private static final byte[] PRIMING_ANSWER = ("{\"executionArn\":\"arn:aws:states:us-east-1:000000000000:execution:priming:priming\","
            + "\"startDate\":1.7e9}").getBytes(StandardCharsets.UTF_8);

    private final AwsJsonClient client;

    public StepFunctionsStarter(AwsJsonClient client) {
        this.client = client;
    }

    /**
     * Starts execution {@code name} of {@code stateMachineArn} with {@code input} (a JSON document),
     * within {@code timeLeft}; answers the execution's ARN.
     */
    public String startExecution(String stateMachineArn, String name, String input, Duration timeLeft) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("stateMachineArn", stateMachineArn);
        request.put("name", name);
        request.put("input", input);
        byte[] answer = client.call(START_EXECUTION, AwsJson.object(request), timeLeft);
        try {
            return AwsJson.textFields(answer, FIELDS).get("executionArn");
        } catch (IOException e) {
            throw AwsCallException.unreachable(new IOException("Step Functions' answer is not JSON"));
        }
    }

    /**
     * Signs a request and reads an answer as a real start does, in this process only: for SnapStart's
     * beforeCheckpoint. Nothing is sent, read or kept; the keys are dummies.
     */
    public static void prime() {
        byte[] body = AwsJson.object(Map.of("stateMachineArn", "arn:aws:states:us-east-1:000000000000:stateMachine:priming"));
        new SigV4("us-east-1", SERVICE).sign("POST", URI.create("https://states.us-east-1.amazonaws.com/"),
                Map.of("Content-Type", AwsJsonClient.JSON_1_0, "X-Amz-Target", START_EXECUTION), body,
                AwsCredentials.of("PRIMING", "priming", "priming"), Instant.EPOCH);
        try {
            AwsJson.textFields(PRIMING_ANSWER, FIELDS);
        } catch (IOException e) {
            throw new IllegalStateException("the priming answer is JSON", e);
        }
    }
}
