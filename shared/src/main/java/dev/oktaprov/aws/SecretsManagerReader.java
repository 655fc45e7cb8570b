package dev.oktaprov.aws;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Secrets Manager's {@code GetSecretValue}, the one Secrets Manager call the functions make, without
 * the AWS SDK: a signed AWS JSON request through {@link AwsJsonClient}. Errors come as
 * {@link AwsCallException}s for the caller to sort.
 */
public final class SecretsManagerReader {

    static final String SERVICE = "secretsmanager";
    static final String GET_SECRET_VALUE = "secretsmanager.GetSecretValue";
    private static final byte[] PRIMING_ANSWER = ("{\"ARN\":\"arn:aws:secretsmanager:us-east-1:000000000000:secret:priming-AbCdEf\","
            + "\"Name\":\"priming\",\"SecretString\":\"{}\",\"VersionId\":\"00000000-0000-0000-0000-000000000000\","
            + "\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7e9}").getBytes(StandardCharsets.UTF_8);

    private final AwsJsonClient client;

    public SecretsManagerReader(AwsJsonClient client) {
        this.client = client;
    }

    /** The secret's text (its current version), or null when it holds a binary value only; within {@code timeLeft}. */
    public String secretString(String secretId, Duration timeLeft) {
        return client.callForText(GET_SECRET_VALUE, AwsJson.object(Map.of("SecretId", secretId)), timeLeft, "SecretString");
    }

    /** For SnapStart's beforeCheckpoint: see {@link AwsJsonClient#prime}. */
    public static void prime() {
        AwsJsonClient.prime(SERVICE, GET_SECRET_VALUE, AwsJsonClient.JSON_1_1, AwsJson.object(Map.of("SecretId", "priming")),
                PRIMING_ANSWER, "SecretString");
    }
}
