package dev.oktaprov.runtime;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * One secret read through the same SDK client and call as a real one, answered by a
 * canned response in this JVM: for SnapStart's beforeCheckpoint, so that after a restore the first
 * real read finds the AWS SDK's classes loaded and linked (about 1,300 of them).
 *
 * <p>Nothing leaves the process and nothing real is read or kept: dummy credentials (the request is
 * still signed, so signing is primed too), an endpoint that is never contacted, a cache of its own
 * that is dropped. The SDK's own {@code SdkWarmUp} is not used: it also sends a request to STS.
 */
final class SecretsManagerPriming {

    private static final byte[] CANNED_SECRET = ("{\"ARN\":\"arn:aws:secretsmanager:us-east-1:000000000000:secret:priming-AbCdEf\","
            + "\"Name\":\"priming\",\"SecretString\":\"{}\",\"VersionId\":\"00000000-0000-0000-0000-000000000000\","
            + "\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7e9}").getBytes(StandardCharsets.UTF_8);

    private SecretsManagerPriming() {}

    static void run() {
        // Built and closed, never used: loads the HTTP client the real reads go through.
        UrlConnectionHttpClient.builder().build().close();
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .httpClient(new CannedHttpClient())
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("PRIMING", "priming")))
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build()) {
            // The per-request timeout of a real read, so its code path is loaded too.
            client.getSecretValue(request -> request.secretId("priming")
                    .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(5))));
        }
    }

    /** Answers every request with the canned GetSecretValue response, without a socket. */
    private static final class CannedHttpClient implements SdkHttpClient {

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200)
                                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                                    .putHeader("Content-Length", Integer.toString(CANNED_SECRET.length))
                                    .build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(CANNED_SECRET)))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
