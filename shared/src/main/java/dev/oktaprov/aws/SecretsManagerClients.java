package dev.oktaprov.aws;

import dev.oktaprov.ratelimit.RestoreSafeRandom;
import dev.oktaprov.time.Sleeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;

/**
 * Builds the Secrets Manager reader from an explicit environment map: region, endpoint
 * ({@code AWS_ENDPOINT_URL_SECRETS_MANAGER} or {@code AWS_ENDPOINT_URL}, for moto and LocalStack;
 * else the region's, FIPS and dual-stack as {@code AWS_USE_FIPS_ENDPOINT} and
 * {@code AWS_USE_DUALSTACK_ENDPOINT} say), credentials and call timeouts (see
 * {@link AwsClientEnvironment}).
 */
public final class SecretsManagerClients {

    private SecretsManagerClients() {}

    /** A reader sending through {@code http} (the functions share the one their Okta client uses). */
    public static SecretsManagerReader fromEnvironment(Map<String, String> env, HttpClient http) {
        return fromEnvironment(env, http, Clock.systemUTC(), Sleeper.REAL);
    }

    /** As {@link #fromEnvironment(Map, HttpClient)}, signing at {@code clock}'s time, waiting between attempts with {@code sleeper}. */
    public static SecretsManagerReader fromEnvironment(Map<String, String> env, HttpClient http, Clock clock, Sleeper sleeper) {
        AwsJsonClient.Timeouts timeouts = AwsClientEnvironment.callTimeouts(env);
        String region = AwsClientEnvironment.region(env, "read the secret named by OKTA_SECRET_ID");
        URI endpoint = AwsClientEnvironment.endpointOverride(env, "AWS_ENDPOINT_URL_SECRETS_MANAGER")
                .orElseGet(() -> AwsEndpoints.regional("secretsmanager", region,
                        AwsClientEnvironment.flag(env, "AWS_USE_FIPS_ENDPOINT"),
                        AwsClientEnvironment.flag(env, "AWS_USE_DUALSTACK_ENDPOINT")));
        return new SecretsManagerReader(new AwsJsonClient(http, endpoint, new SigV4(region, "secretsmanager"),
                LambdaCredentials.fromEnvironment(env, http, clock), timeouts, clock, sleeper,
                // Not seeded before the first retry: never during a SnapStart init.
                new RestoreSafeRandom(), System::nanoTime, AwsJsonClient.JSON_1_1, () -> null));
    }
}
