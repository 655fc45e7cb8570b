package dev.oktaprov.local.cli;

import dev.oktaprov.local.LocalSetSettings;
import dev.oktaprov.local.TemplateSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The local set's options, shared by {@code start} and {@code onboard}; each has an environment variable. */
final class LocalSetOptions {

    static final String DEFAULT_SEED = "samples/okta-seed.json";
    static final String DEFAULT_LOG_FILE = "local-run/logs/handlers.log";

    @Option(names = "--okta-port", paramLabel = "PORT", defaultValue = "${env:LOCAL_OKTA_PORT:-" + LocalSetSettings.DEFAULT_OKTA_PORT + "}",
            description = "Port of the Okta simulator on 127.0.0.1; 0 picks a free one (env LOCAL_OKTA_PORT, default ${DEFAULT-VALUE}).")
    int oktaPort;

    @Option(names = "--okta-token", paramLabel = "TOKEN", defaultValue = "${env:LOCAL_OKTA_TOKEN}",
            description = "API token of the Okta simulator (env LOCAL_OKTA_TOKEN, default: a random one, printed at start).")
    String oktaToken;

    @Option(names = "--okta-seed", paramLabel = "FILE", defaultValue = "${env:LOCAL_OKTA_SEED}",
            description = "Groups and users the simulator starts with (env LOCAL_OKTA_SEED, default " + DEFAULT_SEED + ").")
    Path oktaSeed;

    @Option(names = "--no-okta-seed", description = "Start the simulator with an empty org.")
    boolean noOktaSeed;

    @Option(names = "--okta-users-limit", paramLabel = "N", defaultValue = "${env:LOCAL_OKTA_USERS_LIMIT}",
            description = "The simulator's per-minute rate limit of GET|POST /api/v1/users (env LOCAL_OKTA_USERS_LIMIT, default Okta's 600).")
    Integer oktaUsersLimit;

    @Option(names = "--queue-name", paramLabel = "NAME", defaultValue = "${env:LOCAL_QUEUE_NAME:-" + LocalSetSettings.DEFAULT_QUEUE_NAME + "}",
            description = "Name of the local onboarding queue; its DLQ is NAME-dlq (env LOCAL_QUEUE_NAME, default ${DEFAULT-VALUE}).")
    String queueName;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "${env:LOCAL_BATCH_SIZE:-" + TemplateSettings.BATCH_SIZE + "}",
            description = "Messages per onboarding invocation, 1-10 (env LOCAL_BATCH_SIZE, default ${DEFAULT-VALUE} as the template).")
    int batchSize;

    @Option(names = "--batching-window", paramLabel = "SECONDS", defaultValue = "${env:LOCAL_BATCHING_WINDOW_SECONDS:-" + TemplateSettings.BATCHING_WINDOW_SECONDS + "}",
            description = "How long the poller may wait to fill a batch, 0-300 (env LOCAL_BATCHING_WINDOW_SECONDS, default ${DEFAULT-VALUE} as the template).")
    int batchingWindowSeconds;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "${env:LOCAL_MAX_CONCURRENCY:-" + TemplateSettings.MAXIMUM_CONCURRENCY + "}",
            description = "Onboarding invocations at once: the mapping's maximum concurrency (env LOCAL_MAX_CONCURRENCY, default ${DEFAULT-VALUE} as the template).")
    int concurrency;

    @Option(names = "--max-receive-count", paramLabel = "N", defaultValue = "${env:LOCAL_MAX_RECEIVE_COUNT:-" + TemplateSettings.MAX_RECEIVE_COUNT + "}",
            description = "Receives before SQS moves a message to the DLQ (env LOCAL_MAX_RECEIVE_COUNT, default ${DEFAULT-VALUE} as the template).")
    int maxReceiveCount;

    @Option(names = "--visibility-timeout", paramLabel = "SECONDS", defaultValue = "${env:LOCAL_VISIBILITY_TIMEOUT_SECONDS:-" + LocalSetSettings.LOCAL_VISIBILITY_TIMEOUT_SECONDS + "}",
            description = "The queue's visibility timeout (env LOCAL_VISIBILITY_TIMEOUT_SECONDS, default ${DEFAULT-VALUE}; the template's 840 s would hold a failed batch for 14 minutes).")
    int visibilityTimeoutSeconds;

    @Option(names = "--retry-base", paramLabel = "SECONDS", defaultValue = "${env:ONBOARDING_RETRY_BASE_SECONDS:-" + LocalSetSettings.LOCAL_RETRY_BASE_SECONDS + "}",
            description = "Backoff ceiling after a transient failure's first receive (env ONBOARDING_RETRY_BASE_SECONDS, default ${DEFAULT-VALUE}; deployed: 60).")
    int retryBaseSeconds;

    @Option(names = "--retry-max", paramLabel = "SECONDS", defaultValue = "${env:ONBOARDING_RETRY_MAX_SECONDS:-" + LocalSetSettings.LOCAL_RETRY_MAX_SECONDS + "}",
            description = "Longest backoff of a transient failure (env ONBOARDING_RETRY_MAX_SECONDS, default ${DEFAULT-VALUE}; deployed: 3600).")
    int retryMaxSeconds;

    @Option(names = "--log-file", paramLabel = "FILE", defaultValue = "${env:LOCAL_LOG_FILE}",
            description = "Where the functions' structured logs go (env LOCAL_LOG_FILE, default " + DEFAULT_LOG_FILE + ").")
    Path logFile;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * The ranges picocli cannot check by type, all at once and by the option (the set's parts would name their
     * own fields: {@code batchSize must be 1 to 10}); refused as a usage error before anything starts.
     */
    void check() {
        check(null);
    }

    /** @param apiPort {@code start}'s {@code --api-port}, checked with the rest; null for {@code onboard} */
    void check(Integer apiPort) {
        List<String> problems = new ArrayList<>();
        if (apiPort != null) {
            range(problems, "--api-port", "LOCAL_API_PORT", apiPort, 0, 65_535);
        }
        range(problems, "--okta-port", "LOCAL_OKTA_PORT", oktaPort, 0, 65_535);
        if (oktaUsersLimit != null) {
            range(problems, "--okta-users-limit", "LOCAL_OKTA_USERS_LIMIT", oktaUsersLimit, 1, Integer.MAX_VALUE);
        }
        range(problems, "--batch-size", "LOCAL_BATCH_SIZE", batchSize, 1, 10);
        range(problems, "--batching-window", "LOCAL_BATCHING_WINDOW_SECONDS", batchingWindowSeconds, 0, 300);
        range(problems, "--concurrency", "LOCAL_MAX_CONCURRENCY", concurrency, 1, Integer.MAX_VALUE);
        range(problems, "--max-receive-count", "LOCAL_MAX_RECEIVE_COUNT", maxReceiveCount, 1, 1000);
        // SQS's own ceilings: a visibility timeout of 12 hours; the onboarding function holds its backoff to it.
        range(problems, "--visibility-timeout", "LOCAL_VISIBILITY_TIMEOUT_SECONDS", visibilityTimeoutSeconds, 0, 43_200);
        range(problems, "--retry-base", "ONBOARDING_RETRY_BASE_SECONDS", retryBaseSeconds, 0, 43_200);
        range(problems, "--retry-max", "ONBOARDING_RETRY_MAX_SECONDS", retryMaxSeconds, 0, 43_200);
        if (retryMaxSeconds < retryBaseSeconds) {
            problems.add("--retry-max (" + retryMaxSeconds + ") must not be below --retry-base (" + retryBaseSeconds + ")");
        }
        if (!problems.isEmpty()) {
            throw new ParameterException(command.commandLine(), String.join(System.lineSeparator(), problems));
        }
    }

    private void range(List<String> problems, String option, String variable, int value, int min, int max) {
        if (value < min || value > max) {
            String typed = command.commandLine().getParseResult().hasMatchedOption(option) ? option
                    : option + " (from " + variable + ")";
            problems.add(typed + (max == Integer.MAX_VALUE ? " must be at least " + min : " must be " + min + " to " + max)
                    + ", was " + value);
        }
    }

    LocalSetSettings settings(Integer apiPort, Path home) {
        return new LocalSetSettings(apiPort, oktaPort, oktaToken, seed(home), oktaUsersLimit, queueName, batchSize,
                Duration.ofSeconds(batchingWindowSeconds), concurrency, maxReceiveCount,
                Duration.ofSeconds(visibilityTimeoutSeconds), Duration.ofSeconds(retryBaseSeconds),
                Duration.ofSeconds(retryMaxSeconds));
    }

    Path logFile(Path home) {
        return logFile != null ? logFile : home.resolve(DEFAULT_LOG_FILE);
    }

    private Path seed(Path home) {
        if (noOktaSeed) {
            return null;
        }
        if (oktaSeed != null) {
            return oktaSeed;
        }
        Path sample = home.resolve(DEFAULT_SEED);
        return Files.isReadable(sample) ? sample : null;
    }
}
