package dev.oktaprov.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.bench.TemplateFacts;
import java.util.List;
import java.util.Map;

/**
 * One function measured side by side: our handler in its shaded jar and the peer's handler doing
 * the same job on Okta's SDK, with the sample event both answer and the status that proves they did
 * (for the SQS function, which has no peer: a batch response without failures).
 */
public record FunctionCase(String function, String event, int expectedStatus, String ourHandler, String peerHandler) {

    /** The status of an SQS function's answer: a batch response whose batchItemFailures is empty. */
    public static final int NO_BATCH_FAILURES = -1;

    public static final FunctionCase CREATE = new FunctionCase("create-user", "apigw-create-user.json", 201,
            "dev.oktaprov.createuser.CreateUserHandler", "dev.oktaprov.bench.peer.PeerCreateUserHandler");
    public static final FunctionCase GET = new FunctionCase("get-user", "apigw-get-user.json", 200,
            "dev.oktaprov.getuser.GetUserHandler", "dev.oktaprov.bench.peer.PeerGetUserHandler");
    public static final FunctionCase LIST = new FunctionCase("list-users", "apigw-list-users-filter.json", 200,
            "dev.oktaprov.listusers.ListUsersHandler", "dev.oktaprov.bench.peer.PeerListUsersHandler");

    /** No Okta, no AWS: the JVM, the runtime's serializers and Powertools logging (see the peer's FloorHandler). */
    public static final FunctionCase FLOOR = new FunctionCase("floor", "apigw-get-user.json", 200,
            "dev.oktaprov.bench.peer.FloorHandler", "dev.oktaprov.bench.peer.FloorHandler");

    /** The onboarding function with the SQS sample (three new hires); measured for its cold start and memory. */
    public static final FunctionCase ONBOARDING = new FunctionCase("onboarding-queue", "sqs-onboarding-batch.json",
            NO_BATCH_FAILURES, "dev.oktaprov.onboarding.OnboardingQueueHandler", null);

    /** The floor again, as a {@code RequestStreamHandler}: what the runtime's POJO serializer costs a fresh start. */
    public static final FunctionCase FLOOR_STREAM = new FunctionCase("floor-stream", "apigw-get-user.json", 200,
            "dev.oktaprov.bench.peer.FloorStreamHandler", "dev.oktaprov.bench.peer.FloorStreamHandler");

    public static final List<FunctionCase> API = List.of(GET, CREATE, LIST);

    /** A create must find its login free each time, so the directory goes back to the seed first. */
    public boolean changesOkta() {
        return expectedStatus == 201 || expectedStatus == NO_BATCH_FAILURES;
    }

    public boolean isQueueFunction() {
        return expectedStatus == NO_BATCH_FAILURES;
    }

    /** The function's MemorySize in the template. */
    public int memoryMb(TemplateFacts template) {
        return isQueueFunction() ? template.onboardingMemoryMb() : template.globalMemoryMb();
    }

    /** The function's Timeout in the template. */
    public int timeoutSeconds(TemplateFacts template) {
        return isQueueFunction() ? template.onboardingTimeoutSeconds() : template.globalTimeoutSeconds();
    }

    /** Whether {@code answer} (the function's response JSON) is the one this case expects. */
    public boolean answeredAsExpected(JsonNode answer) {
        return isQueueFunction()
                ? answer.path("batchItemFailures").isArray() && answer.path("batchItemFailures").isEmpty()
                : answer.path("statusCode").asInt() == expectedStatus;
    }

    /** A later invocation of the same event: a success (a create finds its user and answers 200). */
    public boolean answeredWithoutError(JsonNode answer) {
        int status = answer.path("statusCode").asInt();
        return isQueueFunction() ? answeredAsExpected(answer) : status >= 200 && status < 300;
    }

    /** What {@link #answeredAsExpected} looks for, for an error message. */
    public String expectation() {
        return isQueueFunction() ? "no batch failures" : "HTTP " + expectedStatus;
    }

    /**
     * The function's own variables beyond the shared ones: the template's for the onboarding function
     * (its DLQ is only written to on a permanent failure, which the sample batch does not have).
     */
    public Map<String, String> ownEnvironment() {
        return isQueueFunction()
                ? Map.of("ONBOARDING_PARALLELISM", "4",
                        "ONBOARDING_DLQ_URL", "http://127.0.0.1:9/000000000000/okta-provisioning-onboarding-dlq")
                : Map.of();
    }
}
