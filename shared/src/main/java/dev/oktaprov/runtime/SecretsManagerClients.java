package dev.oktaprov.runtime;

import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the Secrets Manager client from an explicit environment map: region, endpoint
 * ({@code AWS_ENDPOINT_URL_SECRETS_MANAGER} or {@code AWS_ENDPOINT_URL}, for moto and LocalStack) and
 * credentials (see {@link AwsClientEnvironment}).
 */
public final class SecretsManagerClients {

    private SecretsManagerClients() {}

    public static SecretsManagerClient fromEnvironment(Map<String, String> env) {
        var builder = SecretsManagerClient.builder()
                .httpClientBuilder(AwsClientEnvironment.httpClient())
                .region(AwsClientEnvironment.region(env, "read the secret named by OKTA_SECRET_ID"))
                .credentialsProvider(AwsClientEnvironment.credentials(env))
                // A few tries, then the caller reports a configuration problem.
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(3)));
        AwsClientEnvironment.endpointOverride(env, "AWS_ENDPOINT_URL_SECRETS_MANAGER").ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
