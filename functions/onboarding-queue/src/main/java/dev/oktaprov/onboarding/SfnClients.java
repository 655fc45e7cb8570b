package dev.oktaprov.onboarding;

import dev.oktaprov.runtime.AwsClientEnvironment;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The Step Functions client of the function, built like {@link SqsClients}: JDK URL connections,
 * the function's region and credentials, bounded call timeouts, and {@code AWS_ENDPOINT_URL_SFN} /
 * {@code AWS_ENDPOINT_URL} when set (moto_server, the local runner).
 */
final class SfnClients {

    private SfnClients() {}

    static SfnClient fromEnvironment(Map<String, String> env) {
        var builder = SfnClient.builder()
                .httpClientBuilder(AwsClientEnvironment.httpClient())
                .region(AwsClientEnvironment.region(env, "start the onboarding workflow"))
                .credentialsProvider(AwsClientEnvironment.credentials(env))
                // A start that does not get through comes back with its message: the queue retries it.
                .overrideConfiguration(o -> {
                    AwsClientEnvironment.callTimeouts(env).accept(o);
                    o.retryStrategy(b -> b.maxAttempts(3));
                });
        AwsClientEnvironment.endpointOverride(env, "AWS_ENDPOINT_URL_SFN").ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
