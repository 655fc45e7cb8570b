package dev.oktaprov.runtime;

import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the Secrets Manager client from an explicit environment map: region, endpoint
 * ({@code AWS_ENDPOINT_URL_SECRETS_MANAGER} or {@code AWS_ENDPOINT_URL}, for moto and LocalStack),
 * credentials and call timeouts (see {@link AwsClientEnvironment}).
 */
public final class SecretsManagerClients {

    private SecretsManagerClients() {}

    public static SecretsManagerClient fromEnvironment(Map<String, String> env) {
        var timeouts = AwsClientEnvironment.callTimeouts(env);
        var builder = SecretsManagerClient.builder()
                .httpClientBuilder(AwsClientEnvironment.httpClient())
                .region(AwsClientEnvironment.region(env, "read the secret named by OKTA_SECRET_ID"))
                .credentialsProvider(AwsClientEnvironment.credentials(env))
                // A few tries within the call timeout; each read is bounded by the invocation's deadline too.
                .overrideConfiguration(o -> {
                    timeouts.accept(o);
                    o.retryStrategy(b -> b.maxAttempts(3));
                });
        AwsClientEnvironment.endpointOverride(env, "AWS_ENDPOINT_URL_SECRETS_MANAGER").ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
