package dev.oktaprov.runtime;

import dev.oktaprov.errors.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * What every AWS SDK client of the functions takes from an explicit environment map: the region,
 * the credentials, an endpoint override (moto_server, ElasticMQ, LocalStack) and the HTTP client.
 * Only the URL-connection HTTP client is on the classpath: small jar, quick cold start.
 */
public final class AwsClientEnvironment {

    private AwsClientEnvironment() {}

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
