package dev.oktaprov.onboarding;

import dev.oktaprov.runtime.AwsClientEnvironment;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SQS client of the function: JDK URL connections (no Apache or Netty client in the jar), the
 * function's region, and {@code AWS_ENDPOINT_URL_SQS} / {@code AWS_ENDPOINT_URL} when set (ElasticMQ,
 * moto_server, LocalStack).
 */
final class SqsClients {

    private SqsClients() {}

    static SqsClient fromEnvironment(Map<String, String> env) {
        var builder = SqsClient.builder()
                .httpClientBuilder(AwsClientEnvironment.httpClient())
                .region(AwsClientEnvironment.region(env, "reach the onboarding queues"))
                .credentialsProvider(AwsClientEnvironment.credentials(env))
                // Bounded, so a stuck SQS call cannot outlive the invocation: what it did not
                // settle comes back through the queue.
                .overrideConfiguration(o -> {
                    AwsClientEnvironment.callTimeouts(env).accept(o);
                    o.retryStrategy(b -> b.maxAttempts(3));
                });
        AwsClientEnvironment.endpointOverride(env, "AWS_ENDPOINT_URL_SQS").ifPresent(builder::endpointOverride);
        return builder.build();
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
