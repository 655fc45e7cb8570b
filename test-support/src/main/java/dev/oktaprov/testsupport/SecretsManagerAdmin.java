package dev.oktaprov.testsupport;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * AWS's own Secrets Manager client, for tests that create, change or delete secrets (in moto_server
 * or whatever {@code AWS_ENDPOINT_URL} names). The functions read secrets with the project's client;
 * what they read was written by this one.
 */
public final class SecretsManagerAdmin {

    private SecretsManagerAdmin() {}

    /** A client for the region, endpoint and keys of {@code env} (e.g. {@link MotoServer#environment()}). */
    public static SecretsManagerClient fromEnvironment(Map<String, String> env) {
        String endpoint = env.getOrDefault("AWS_ENDPOINT_URL_SECRETS_MANAGER", env.get("AWS_ENDPOINT_URL"));
        var builder = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(env.getOrDefault("AWS_REGION", MotoServer.REGION)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        env.getOrDefault("AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY),
                        env.getOrDefault("AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_KEY))));
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }
}
