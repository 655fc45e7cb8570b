package dev.oktaprov.onboarding;

import dev.oktaprov.aws.AwsClientEnvironment;
import dev.oktaprov.aws.AwsEndpoints;
import dev.oktaprov.aws.AwsJsonClient;
import dev.oktaprov.aws.LambdaCredentials;
import dev.oktaprov.aws.SigV4;
import dev.oktaprov.aws.StepFunctionsStarter;
import dev.oktaprov.aws.XrayTraceHeader;
import dev.oktaprov.ratelimit.RestoreSafeRandom;
import dev.oktaprov.time.Sleeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;

/**
 * The function's {@code StartExecution} client, as {@link SqsClients} builds SQS's, at {@code AWS_ENDPOINT_URL_SFN} /
 * {@code AWS_ENDPOINT_URL} when set, else the region's endpoint (FIPS when {@code AWS_USE_FIPS_ENDPOINT} says so).
 */
public final class StepFunctionsClients {

    private StepFunctionsClients() {}

    /** Sending through {@code http}, signing at {@code clock}'s time, waiting between attempts with {@code sleeper}. */
    public static StepFunctionsStarter fromEnvironment(Map<String, String> env, HttpClient http, Clock clock, Sleeper sleeper) {
        AwsJsonClient.Timeouts timeouts = AwsClientEnvironment.callTimeouts(env);
        String region = AwsClientEnvironment.region(env, "start the onboarding workflow");
        URI endpoint = AwsClientEnvironment.endpointOverride(env, "AWS_ENDPOINT_URL_SFN")
                // No dual-stack here: Step Functions' dual-stack hosts are not Secrets Manager's, which AwsEndpoints knows.
                .orElseGet(() -> AwsEndpoints.regional(StepFunctionsStarter.SERVICE, region,
                        AwsClientEnvironment.flag(env, "AWS_USE_FIPS_ENDPOINT"), false));
        return new StepFunctionsStarter(new AwsJsonClient(http, endpoint,
                new SigV4(region, StepFunctionsStarter.SERVICE), LambdaCredentials.fromEnvironment(env, http, clock), timeouts,
                clock, sleeper,
                // Not seeded before the first retry: never during a SnapStart init.
                new RestoreSafeRandom(), System::nanoTime, AwsJsonClient.JSON_1_0, XrayTraceHeader::current));
    }
}
