package dev.oktaprov.aws;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Secrets Manager's {@code GetSecretValue}, the one Secrets Manager call the functions make, without
 * the AWS SDK: a signed AWS JSON request through {@link AwsJsonClient}. Errors come as
 * {@link AwsCallException}s for the caller to sort.
 */
public final class SecretsManagerReader {

    static final String SERVICE = "secretsmanager";
    static final String GET_SECRET_VALUE = "secretsmanager.GetSecretValue";
    private static final Set<String> FIELDS = Set.of("SecretString");
    private static final byte[] PRIMING_ANSWER = ("{\"ARN\":\"arn:aws:secretsmanager:us-east-1:000000000000:secret:priming-AbCdEf\","
            + "\"Name\":\"priming\",\"SecretString\":\"{}\",\"VersionId\":\"00000000-0000-0000-0000-000000000000\","
            + "\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7e9}").getBytes(StandardCharsets.UTF_8);

    private final AwsJsonClient client;

    public SecretsManagerReader(AwsJsonClient client) {
        this.client = client;
    }

    /** The secret's text (its current version), or null when it holds a binary value only; within {@code timeLeft}. */
    public String secretString(String secretId, Duration timeLeft) {
        byte[] answer = client.call(GET_SECRET_VALUE, AwsJson.object("SecretId", secretId), timeLeft);
        try {
            return AwsJson.textFields(answer, FIELDS).get("SecretString");
        } catch (IOException e) {
            throw AwsCallException.unreachable(new IOException("Secrets Manager's answer is not JSON"));
        }
    }

    /**
     * Signs a request and reads an answer as a real read does, in this process only: for SnapStart's
     * beforeCheckpoint, so that after a restore the first read finds the JDK's SHA-256 and HMAC and
     * Jackson's parser loaded. Nothing is sent, read or kept; the keys are dummies.
     */
    public static void prime() {
        byte[] body = AwsJson.object("SecretId", "priming");
        new SigV4("us-east-1", SERVICE).sign("POST", URI.create("https://secretsmanager.us-east-1.amazonaws.com/"),
                Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", GET_SECRET_VALUE), body,
                AwsCredentials.of("PRIMING", "priming", "priming"), Instant.EPOCH);
        try {
            AwsJson.textFields(PRIMING_ANSWER, FIELDS);
        } catch (IOException e) {
            throw new IllegalStateException("the priming answer is JSON", e);
        }
    }
}
