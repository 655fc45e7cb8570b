package dev.oktaprov.onboarding;

import dev.oktaprov.config.EnvironmentReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The onboarding function's own settings (the core reads its {@code OKTA_*} ones). Every problem is
 * reported at once, naming the variable.
 *
 * @param deadLetterQueueUrl {@code ONBOARDING_DLQ_URL}: where permanent failures go, with their reason
 * @param parallelism {@code ONBOARDING_PARALLELISM}: messages of one batch in progress at once
 * @param retryBase {@code ONBOARDING_RETRY_BASE_SECONDS}: the backoff ceiling after a message's first receive
 * @param retryMax {@code ONBOARDING_RETRY_MAX_SECONDS}: the backoff ceiling never exceeds this
 * @param throttleDelayMax {@code ONBOARDING_THROTTLE_MAX_DELAY_SECONDS}: the longest a deferred
 *     message is held back (an SQS delay is at most 900 s)
 * @param maxResends {@code ONBOARDING_MAX_RESENDS}: how often one throttled message is re-sent before
 *     it is returned to the queue instead (where receives count toward redrive)
 * @param stateMachineArn {@code ONBOARDING_STATE_MACHINE_ARN}: the onboarding workflow that activates a
 *     hire whose start date is ahead; null when unset (such hires then go to the DLQ, uncreated)
 */
public record OnboardingSettings(
        String deadLetterQueueUrl,
        int parallelism,
        Duration retryBase,
        Duration retryMax,
        Duration throttleDelayMax,
        int maxResends,
        String stateMachineArn) {

    public static final String ONBOARDING_DLQ_URL = "ONBOARDING_DLQ_URL";
    public static final String ONBOARDING_PARALLELISM = "ONBOARDING_PARALLELISM";
    public static final String ONBOARDING_RETRY_BASE_SECONDS = "ONBOARDING_RETRY_BASE_SECONDS";
    public static final String ONBOARDING_RETRY_MAX_SECONDS = "ONBOARDING_RETRY_MAX_SECONDS";
    public static final String ONBOARDING_THROTTLE_MAX_DELAY_SECONDS = "ONBOARDING_THROTTLE_MAX_DELAY_SECONDS";
    public static final String ONBOARDING_MAX_RESENDS = "ONBOARDING_MAX_RESENDS";
    public static final String ONBOARDING_STATE_MACHINE_ARN = "ONBOARDING_STATE_MACHINE_ARN";

    public static final int DEFAULT_PARALLELISM = 4;
    public static final int MAX_PARALLELISM = 10;
    public static final int DEFAULT_RETRY_BASE_SECONDS = 60;
    public static final int DEFAULT_RETRY_MAX_SECONDS = 3600;
    /** At least 100 of Okta's rate-limit windows of waiting, far beyond any backlog, yet a bound on a loop. */
    public static final int DEFAULT_MAX_RESENDS = 100;
    public static final int MAX_MAX_RESENDS = 10_000;
    /** SQS's longest visibility timeout. */
    public static final int MAX_VISIBILITY_SECONDS = 43_200;
    /** SQS's longest DelaySeconds. */
    public static final int MAX_DELAY_SECONDS = 900;

    private static final Pattern STATE_MACHINE_ARN =
            Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:[0-9]{12}:stateMachine:[A-Za-z0-9_-]{1,80}");

    public static OnboardingSettings fromEnvironment(Map<String, String> env) {
        EnvironmentReader read = new EnvironmentReader(env);
        String dlqUrl = queueUrl(read.text(ONBOARDING_DLQ_URL), read);
        int parallelism = read.integer(ONBOARDING_PARALLELISM, DEFAULT_PARALLELISM, 1, MAX_PARALLELISM);
        int base = read.integer(ONBOARDING_RETRY_BASE_SECONDS, DEFAULT_RETRY_BASE_SECONDS, 0, MAX_VISIBILITY_SECONDS);
        int max = read.integer(ONBOARDING_RETRY_MAX_SECONDS, DEFAULT_RETRY_MAX_SECONDS, 0, MAX_VISIBILITY_SECONDS);
        int throttleMax = read.integer(ONBOARDING_THROTTLE_MAX_DELAY_SECONDS, MAX_DELAY_SECONDS, 0, MAX_DELAY_SECONDS);
        int maxResends = read.integer(ONBOARDING_MAX_RESENDS, DEFAULT_MAX_RESENDS, 0, MAX_MAX_RESENDS);
        String stateMachineArn = stateMachineArn(read.text(ONBOARDING_STATE_MACHINE_ARN), read);
        if (max < base) {
            read.problem(ONBOARDING_RETRY_MAX_SECONDS + " (" + max + ") must not be below "
                    + ONBOARDING_RETRY_BASE_SECONDS + " (" + base + ")");
        }
        read.check();
        return new OnboardingSettings(dlqUrl, parallelism, Duration.ofSeconds(base), Duration.ofSeconds(max),
                Duration.ofSeconds(throttleMax), maxResends, stateMachineArn);
    }

    /** Whether the DLQ is a FIFO queue: then every message sent there needs a group and a deduplication id. */
    public boolean deadLetterQueueIsFifo() {
        return deadLetterQueueUrl.endsWith(".fifo");
    }

    private static String queueUrl(String raw, EnvironmentReader read) {
        if (raw == null) {
            read.problem(ONBOARDING_DLQ_URL + " is required: the URL of the onboarding dead-letter queue");
            return null;
        }
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean hasQueuePath = uri.getPath() != null && uri.getPath().length() > 1;
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && hasQueuePath) {
                return raw;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        read.problem(ONBOARDING_DLQ_URL + " must be a queue URL, e.g. https://sqs.us-east-1.amazonaws.com/123456789012/onboarding-dlq");
        return null;
    }

    private static String stateMachineArn(String raw, EnvironmentReader read) {
        if (raw == null || STATE_MACHINE_ARN.matcher(raw).matches()) {
            return raw;
        }
        read.problem(ONBOARDING_STATE_MACHINE_ARN + " must be a state machine ARN, e.g."
                + " arn:aws:states:us-east-1:123456789012:stateMachine:onboarding");
        return null;
    }
}
