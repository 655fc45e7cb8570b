package dev.oktaprov.onboarding;

import dev.oktaprov.aws.AwsCallException;
import dev.oktaprov.aws.AwsClientEnvironment;
import dev.oktaprov.aws.AwsEndpoints;
import dev.oktaprov.aws.AwsJsonClient;
import dev.oktaprov.aws.LambdaCredentials;
import dev.oktaprov.aws.SigV4;
import dev.oktaprov.aws.XrayTraceHeader;
import dev.oktaprov.ratelimit.RestoreSafeRandom;
import dev.oktaprov.time.Sleeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The function's {@link SqsCalls}: its region, credentials and call timeouts, the invocation's trace header, and
 * {@code AWS_ENDPOINT_URL_SQS} / {@code AWS_ENDPOINT_URL} when set (ElasticMQ, moto_server, LocalStack).
 */
public final class SqsClients {

    private SqsClients() {}

    public static SqsCalls fromEnvironment(Map<String, String> env) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        return fromEnvironment(env, http, Clock.systemUTC(), Sleeper.REAL);
    }

    /** As {@link #fromEnvironment(Map)}, sending through {@code http}, waiting between attempts with {@code sleeper}. */
    static SqsCalls fromEnvironment(Map<String, String> env, HttpClient http, Clock clock, Sleeper sleeper) {
        AwsJsonClient.Timeouts timeouts = AwsClientEnvironment.callTimeouts(env);
        String region = AwsClientEnvironment.region(env, "reach the onboarding queues");
        Optional<URI> override = AwsClientEnvironment.endpointOverride(env, "AWS_ENDPOINT_URL_SQS");
        URI endpoint = override.orElseGet(() -> regional(region, AwsClientEnvironment.flag(env, "AWS_USE_FIPS_ENDPOINT")));
        return new SqsCalls(new AwsJsonClient(http, endpoint, new SigV4(region, "sqs"),
                LambdaCredentials.fromEnvironment(env, http, clock), timeouts, clock, sleeper,
                // Not seeded before the first retry: never during a SnapStart init.
                new RestoreSafeRandom(), System::nanoTime, AwsJsonClient.JSON_1_0, XrayTraceHeader::current), override);
    }

    /** As SQS's endpoint rules say: {@code sqs-fips.} for FIPS, but in GovCloud, whose SQS endpoints are FIPS ones. */
    static URI regional(String region, boolean fips) {
        return AwsEndpoints.regional("sqs", region, fips && !region.startsWith("us-gov-"), false);
    }

    /**
     * An SQS failure for a log line: the HTTP status and SQS's error code, or what kind of failure it
     * was, never a message that might quote a body. Any exception counts: whatever an SQS call throws,
     * the message it concerned must not take the rest of the batch down with it.
     */
    static String describe(RuntimeException e) {
        if (e instanceof AwsCallException call) {
            return call.kind() == AwsCallException.Kind.SERVICE_ERROR ? call.getMessage() : call.kind().name();
        }
        return e.getClass().getSimpleName();
    }
}
