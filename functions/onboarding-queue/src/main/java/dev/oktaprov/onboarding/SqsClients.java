package dev.oktaprov.onboarding;

import dev.oktaprov.runtime.AwsClientEnvironment;
import dev.oktaprov.runtime.aws.AwsJsonClient;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SQS client of the function: JDK URL connections with short connect and read timeouts (no
 * Apache or Netty client in the jar), the function's region and credentials, the call timeouts of
 * {@link AwsClientEnvironment}, and {@code AWS_ENDPOINT_URL_SQS} / {@code AWS_ENDPOINT_URL} when set
 * (ElasticMQ, moto_server, LocalStack).
 */
final class SqsClients {

    private SqsClients() {}

    static SqsClient fromEnvironment(Map<String, String> env) {
        AwsJsonClient.Timeouts timeouts = AwsClientEnvironment.callTimeouts(env);
        var builder = SqsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5)))
                .region(Region.of(AwsClientEnvironment.region(env, "reach the onboarding queues")))
                .credentialsProvider(credentials(env))
                // Bounded, so a stuck SQS call cannot outlive the invocation: what it did not
                // settle comes back through the queue.
                .overrideConfiguration(o -> o.apiCallTimeout(timeouts.call())
                        .apiCallAttemptTimeout(timeouts.attempt())
                        .retryStrategy(b -> b.maxAttempts(3)));
        AwsClientEnvironment.endpointOverride(env, "AWS_ENDPOINT_URL_SQS").ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * Lambda puts the function's credentials in the environment (or, with SnapStart, behind the
     * container credentials endpoint); reading them directly skips the default chain's probing.
     */
    static AwsCredentialsProvider credentials(Map<String, String> env) {
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

    /**
     * An SQS failure for a log line: its type and SQS's error code, never a message that might quote
     * a body. Any exception counts: whatever an SQS call throws, the message it concerned must not
     * take the rest of the batch down with it.
     */
    static String describe(RuntimeException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return "HTTP " + service.statusCode() + " " + service.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }
}
