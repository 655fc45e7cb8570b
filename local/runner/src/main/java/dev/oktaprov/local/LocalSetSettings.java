package dev.oktaprov.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start the local set. The queue and mapping settings default to the template's
 * ({@link TemplateSettings}); the visibility timeout and the onboarding retry backoff default to
 * smaller values, so a message that fails transiently comes back in seconds rather than minutes.
 *
 * @param apiPort the local HTTP API's port (0: a free one); null: no HTTP API (onboarding only)
 * @param oktaPort the simulator's port (0: a free one); unused with a real org
 * @param oktaToken the simulator's API token; null: a random one
 * @param oktaSeed groups and users the simulator starts with; null: none
 * @param oktaUsersLimit the simulator's per-minute limit of {@code GET|POST /api/v1/users}; null: Okta's 600
 * @param queueName the onboarding queue's name (the DLQ is {@code <name>-dlq})
 * @param retryBase {@code ONBOARDING_RETRY_BASE_SECONDS} for the local run
 * @param retryMax {@code ONBOARDING_RETRY_MAX_SECONDS} for the local run
 */
public record LocalSetSettings(
        Integer apiPort,
        int oktaPort,
        String oktaToken,
        Path oktaSeed,
        Integer oktaUsersLimit,
        String queueName,
        int batchSize,
        Duration batchingWindow,
        int maximumConcurrency,
        int maxReceiveCount,
        Duration visibilityTimeout,
        Duration retryBase,
        Duration retryMax) {

    public static final int DEFAULT_API_PORT = 3000;
    public static final int DEFAULT_OKTA_PORT = 8089;
    public static final String DEFAULT_QUEUE_NAME = "okta-provisioning-onboarding";
    /** Above the onboarding function's 90 s timeout plus the batching window, as SQS requires. */
    public static final int LOCAL_VISIBILITY_TIMEOUT_SECONDS = 120;
    public static final int LOCAL_RETRY_BASE_SECONDS = 2;
    public static final int LOCAL_RETRY_MAX_SECONDS = 30;

    public LocalSetSettings {
        Objects.requireNonNull(queueName, "queueName");
        Objects.requireNonNull(batchingWindow, "batchingWindow");
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        Objects.requireNonNull(retryBase, "retryBase");
        Objects.requireNonNull(retryMax, "retryMax");
    }
}
