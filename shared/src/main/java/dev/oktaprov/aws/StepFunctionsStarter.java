package dev.oktaprov.aws;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

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
        return client.callForText(START_EXECUTION, AwsJson.object(request), timeLeft, "executionArn");
    }

    /** For SnapStart's beforeCheckpoint: see {@link AwsJsonClient#prime}. */
    public static void prime() {
        byte[] body = AwsJson.object(Map.of("stateMachineArn", "arn:aws:states:us-east-1:000000000000:stateMachine:priming"));
        AwsJsonClient.prime(SERVICE, START_EXECUTION, AwsJsonClient.JSON_1_0, body, PRIMING_ANSWER, "executionArn");
    }
}
