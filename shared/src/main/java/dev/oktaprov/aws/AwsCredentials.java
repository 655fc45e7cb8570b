package dev.oktaprov.aws;

import java.time.Instant;
import java.util.Objects;

/**
 * Keys that sign AWS requests: the function role's, from the environment or from Lambda's container
 * credentials endpoint. {@link #toString()} shows the key id only, never the secret key or token.
 *
 * @param sessionToken null for long-term keys
 * @param expiration null for keys that do not expire (as far as this process knows)
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {

    public AwsCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /** Keys without a known expiry (environment variables). */
    public static AwsCredentials of(String accessKeyId, String secretAccessKey, String sessionToken) {
        return new AwsCredentials(accessKeyId, secretAccessKey, sessionToken, null);
    }

    /** Whether these keys are still good at {@code instant} with {@code margin} to spare. */
    boolean usableAt(Instant instant, java.time.Duration margin) {
        return expiration == null || instant.plus(margin).isBefore(expiration);
    }

    @Override
    public String toString() {
        return "AwsCredentials[accessKeyId=" + accessKeyId + ", expiration=" + expiration + "]";
    }
}
