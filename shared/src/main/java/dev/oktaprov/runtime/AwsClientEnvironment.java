package dev.oktaprov.runtime;

import dev.oktaprov.errors.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * What every AWS SDK client of the functions takes from an explicit environment map: the region,
 * the credentials, an endpoint override (moto_server, ElasticMQ, LocalStack), the HTTP client and
 * the call timeouts. Only the URL-connection HTTP client is on the classpath: small jar, quick cold
 * start.
 */
public final class AwsClientEnvironment {

    /** The longest an AWS SDK call may take in all, retries and their backoff included. */
    public static final String AWS_API_CALL_TIMEOUT_MS = "AWS_API_CALL_TIMEOUT_MS";
    /** The longest one attempt of an AWS SDK call may take. */
    public static final String AWS_API_CALL_ATTEMPT_TIMEOUT_MS = "AWS_API_CALL_ATTEMPT_TIMEOUT_MS";
    static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(3);

    private AwsClientEnvironment() {}

    /**
     * An SDK client's overall and per-attempt call timeouts, from {@value #AWS_API_CALL_TIMEOUT_MS}
     * and {@value #AWS_API_CALL_ATTEMPT_TIMEOUT_MS} (100-900000 ms; 10 s and 3 s by default): without
     * them a call that gets no answer waits for the socket timeout on every retry. A caller with a
     * deadline bounds each call further (see {@link SecretsManagerCredentialSource}).
     */
    public static Consumer<ClientOverrideConfiguration.Builder> callTimeouts(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Duration call = millis(env, AWS_API_CALL_TIMEOUT_MS, DEFAULT_API_CALL_TIMEOUT, problems);
        Duration attempt = millis(env, AWS_API_CALL_ATTEMPT_TIMEOUT_MS, DEFAULT_API_CALL_ATTEMPT_TIMEOUT, problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid configuration: " + String.join("; ", problems));
        }
        return overrides -> overrides.apiCallTimeout(call).apiCallAttemptTimeout(attempt);
    }

    /** {@code AWS_REGION} (or {@code AWS_DEFAULT_REGION}); {@code purpose} completes "AWS_REGION is required to …". */
    public static Region region(Map<String, String> env, String purpose) {
        String region = first(env, "AWS_REGION", "AWS_DEFAULT_REGION");
        if (region == null) {
            throw new ConfigurationException("AWS_REGION is required to " + purpose);
        }
        return Region.of(region);
    }

    /** The service's own variable (e.g. {@code AWS_ENDPOINT_URL_SQS}) first, then {@code AWS_ENDPOINT_URL}. */
    public static Optional<URI> endpointOverride(Map<String, String> env, String serviceVariable) {
        return Optional.ofNullable(first(env, serviceVariable, "AWS_ENDPOINT_URL")).map(URI::create);
    }

    /** JDK URL connections with short connect and read timeouts. */
    public static UrlConnectionHttpClient.Builder httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(5));
    }

    /**
     * Lambda puts the function's credentials in the environment (or, with SnapStart, behind the
     * container credentials endpoint); reading them directly skips the default chain's probing.
     */
    public static AwsCredentialsProvider credentials(Map<String, String> env) {
        String accessKey = env.get("AWS_ACCESS_KEY_ID");
        String secretKey = env.get("AWS_SECRET_ACCESS_KEY");
        if (accessKey != null && secretKey != null) {
            String session = env.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(session == null
                    ? AwsBasicCredentials.create(accessKey, secretKey)
                    : AwsSessionCredentials.create(accessKey, secretKey, session));
        }
        if (env.containsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
            return ContainerCredentialsProvider.builder().build();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static Duration millis(Map<String, String> env, String name, Duration fallback, List<String> problems) {
        String raw = first(env, name);
        if (raw == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw);
            if (value >= 100 && value <= 900_000) {
                return Duration.ofMillis(value);
            }
        } catch (NumberFormatException e) {
            // Reported below, like an out-of-range number.
        }
        problems.add(name + " must be a whole number of milliseconds, 100-900000");
        return fallback;
    }

    private static String first(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
