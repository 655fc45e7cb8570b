package dev.oktaprov.aws;

import dev.oktaprov.config.EnvironmentReader;
import dev.oktaprov.errors.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What every AWS client of the functions takes from an explicit environment map: the region, an
 * endpoint override (moto_server, ElasticMQ, LocalStack) and the call timeouts. No AWS SDK type here:
 * the API functions carry no AWS SDK (the onboarding function's SQS client adapts these values).
 */
public final class AwsClientEnvironment {

    /** The longest an AWS SDK call may take in all, retries and their backoff included. */
    public static final String AWS_API_CALL_TIMEOUT_MS = "AWS_API_CALL_TIMEOUT_MS";
    /** The longest one attempt of an AWS SDK call may take. */
    public static final String AWS_API_CALL_ATTEMPT_TIMEOUT_MS = "AWS_API_CALL_ATTEMPT_TIMEOUT_MS";

    private AwsClientEnvironment() {}

    /**
     * An SDK client's overall and per-attempt call timeouts, from {@value #AWS_API_CALL_TIMEOUT_MS}
     * and {@value #AWS_API_CALL_ATTEMPT_TIMEOUT_MS} (100-900000 ms; 10 s and 3 s by default): without
     * them a call that gets no answer waits for the socket timeout on every retry. A caller with a
     * deadline bounds each call further (see {@code SecretsManagerCredentialSource}).
     */
    public static AwsJsonClient.Timeouts callTimeouts(Map<String, String> env) {
        EnvironmentReader read = new EnvironmentReader(env);
        Duration call = read.millis(AWS_API_CALL_TIMEOUT_MS, Duration.ofSeconds(10), 100, 900_000);
        Duration attempt = read.millis(AWS_API_CALL_ATTEMPT_TIMEOUT_MS, Duration.ofSeconds(3), 100, 900_000);
        read.check();
        return new AwsJsonClient.Timeouts(call, attempt);
    }

    /** {@code AWS_REGION} (or {@code AWS_DEFAULT_REGION}); {@code purpose} completes "AWS_REGION is required to …". */
    public static String region(Map<String, String> env, String purpose) {
        String region = new EnvironmentReader(env).text("AWS_REGION", "AWS_DEFAULT_REGION");
        if (region == null) {
            throw new ConfigurationException("AWS_REGION is required to " + purpose);
        }
        return region;
    }

    /** The service's own variable (e.g. {@code AWS_ENDPOINT_URL_SQS}) first, then {@code AWS_ENDPOINT_URL}. */
    public static Optional<URI> endpointOverride(Map<String, String> env, String serviceVariable) {
        return Optional.ofNullable(new EnvironmentReader(env).text(serviceVariable, "AWS_ENDPOINT_URL")).map(URI::create);
    }

    /** Whether {@code name} is set to {@code true} (any case), as the AWS SDKs read their boolean settings. */
    public static boolean flag(Map<String, String> env, String name) {
        return new EnvironmentReader(env).flag(name);
    }
}
