package dev.oktaprov.onboarding;

import dev.oktaprov.errors.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
 */
public record OnboardingSettings(
        String deadLetterQueueUrl,
        int parallelism,
        Duration retryBase,
        Duration retryMax,
        Duration throttleDelayMax,
        int maxResends) {

    public static final String ONBOARDING_DLQ_URL = "ONBOARDING_DLQ_URL";
    public static final String ONBOARDING_PARALLELISM = "ONBOARDING_PARALLELISM";
    public static final String ONBOARDING_RETRY_BASE_SECONDS = "ONBOARDING_RETRY_BASE_SECONDS";
    public static final String ONBOARDING_RETRY_MAX_SECONDS = "ONBOARDING_RETRY_MAX_SECONDS";
    public static final String ONBOARDING_THROTTLE_MAX_DELAY_SECONDS = "ONBOARDING_THROTTLE_MAX_DELAY_SECONDS";
    public static final String ONBOARDING_MAX_RESENDS = "ONBOARDING_MAX_RESENDS";

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

    public static OnboardingSettings fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String dlqUrl = queueUrl(value(env, ONBOARDING_DLQ_URL), problems);
        int parallelism = integer(env, ONBOARDING_PARALLELISM, DEFAULT_PARALLELISM, 1, MAX_PARALLELISM, problems);
        int base = integer(env, ONBOARDING_RETRY_BASE_SECONDS, DEFAULT_RETRY_BASE_SECONDS, 0, MAX_VISIBILITY_SECONDS, problems);
        int max = integer(env, ONBOARDING_RETRY_MAX_SECONDS, DEFAULT_RETRY_MAX_SECONDS, 0, MAX_VISIBILITY_SECONDS, problems);
        int throttleMax = integer(env, ONBOARDING_THROTTLE_MAX_DELAY_SECONDS, MAX_DELAY_SECONDS, 0, MAX_DELAY_SECONDS, problems);
        int maxResends = integer(env, ONBOARDING_MAX_RESENDS, DEFAULT_MAX_RESENDS, 0, MAX_MAX_RESENDS, problems);
        if (max < base) {
            problems.add(ONBOARDING_RETRY_MAX_SECONDS + " (" + max + ") must not be below "
                    + ONBOARDING_RETRY_BASE_SECONDS + " (" + base + ")");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid configuration: " + String.join("; ", problems));
        }
        return new OnboardingSettings(dlqUrl, parallelism, Duration.ofSeconds(base), Duration.ofSeconds(max),
                Duration.ofSeconds(throttleMax), maxResends);
    }

    /** Whether the DLQ is a FIFO queue: then every message sent there needs a group and a deduplication id. */
    public boolean deadLetterQueueIsFifo() {
        return deadLetterQueueUrl.endsWith(".fifo");
    }

    private static String queueUrl(String raw, List<String> problems) {
        if (raw == null) {
            problems.add(ONBOARDING_DLQ_URL + " is required: the URL of the onboarding dead-letter queue");
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
        problems.add(ONBOARDING_DLQ_URL + " must be a queue URL, e.g. https://sqs.us-east-1.amazonaws.com/123456789012/onboarding-dlq");
        return null;
    }

    private static int integer(Map<String, String> env, String name, int fallback, int min, int max, List<String> problems) {
        String raw = value(env, name);
        if (raw == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(raw);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
            problems.add(name + " must be " + min + "-" + max + ", was " + parsed);
        } catch (NumberFormatException e) {
            problems.add(name + " must be a whole number " + min + "-" + max);
        }
        return fallback;
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
