package dev.oktaprov.aws;

import dev.oktaprov.config.EnvironmentReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * The function role's keys, where Lambda puts them: {@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN} in the environment, or (SnapStart
 * functions, containers) behind the container credentials endpoint,
 * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} with {@code AWS_CONTAINER_AUTHORIZATION_TOKEN} or
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE}. Keys from the endpoint are kept until five minutes
 * before they expire; nothing is fetched before the first call needs it. Thread-safe.
 */
public final class LambdaCredentials {

    static final String FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    static final String RELATIVE_URI = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
    static final String TOKEN = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
    static final String TOKEN_FILE = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
    /** Fetched again this long before they expire, as the AWS SDK does. */
    private static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);
    /** Still used this close to their expiry when the endpoint cannot give new ones. */
    private static final Duration USABLE_UNTIL = Duration.ofMinutes(1);
    /** Plain HTTP only to hosts that cannot be a stranger's: AWS's container endpoints and loopback. */
    private static final Set<String> HTTP_HOSTS = Set.of("169.254.170.2", "169.254.170.23", "fd00:ec2::23", "[fd00:ec2::23]");
    private static final Set<String> FIELDS = Set.of("AccessKeyId", "SecretAccessKey", "Token", "Expiration");

    private final AwsCredentials fixed;
    private final URI endpoint;
    private final String token;
    private final String tokenFile;
    private final HttpClient http;
    private final Clock clock;
    private AwsCredentials fetched;

    private LambdaCredentials(AwsCredentials fixed, URI endpoint, String token, String tokenFile, HttpClient http, Clock clock) {
        this.fixed = fixed;
        this.endpoint = endpoint;
        this.token = token;
        this.tokenFile = tokenFile;
        this.http = http;
        this.clock = clock;
    }

    /** Keys from {@code env}; the container endpoint, if that is where they are, is asked through {@code http}. */
    public static LambdaCredentials fromEnvironment(Map<String, String> env, HttpClient http, Clock clock) {
        EnvironmentReader read = new EnvironmentReader(env);
        String accessKey = read.text("AWS_ACCESS_KEY_ID");
        String secretKey = read.text("AWS_SECRET_ACCESS_KEY");
        if (accessKey != null && secretKey != null) {
            return new LambdaCredentials(AwsCredentials.of(accessKey, secretKey, read.text("AWS_SESSION_TOKEN")),
                    null, null, null, http, clock);
        }
        String full = read.text(FULL_URI);
        String relative = read.text(RELATIVE_URI);
        URI endpoint = full != null ? URI.create(full) : relative != null ? URI.create("http://169.254.170.2" + relative) : null;
        return new LambdaCredentials(null, endpoint, read.text(TOKEN), read.text(TOKEN_FILE), http, clock);
    }

    /** Keys to sign with now, fetched within {@code timeout} if the endpoint must be asked. */
    public synchronized AwsCredentials get(Duration timeout) {
        if (fixed != null) {
            return fixed;
        }
        if (endpoint == null) {
            throw AwsCallException.noCredentials("no AWS credentials: neither AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
                    + " nor " + FULL_URI + " is set");
        }
        Instant now = clock.instant();
        if (fetched != null && fetched.usableAt(now, REFRESH_BEFORE)) {
            return fetched;
        }
        try {
            fetched = fetch(timeout);
        } catch (AwsCallException e) {
            if (fetched == null || !fetched.usableAt(now, USABLE_UNTIL)) {
                throw e;
            }
        }
        return fetched;
    }

    private AwsCredentials fetch(Duration timeout) {
        if (!allowed(endpoint)) {
            throw AwsCallException.noCredentials(FULL_URI + " must be https, or http to loopback or AWS's container"
                    + " credentials address");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).GET().timeout(timeout).header("Accept", "application/json");
        String authorization = authorization();
        if (authorization != null) {
            try {
                request.header("Authorization", authorization);
            } catch (IllegalArgumentException refused) {
                // The JDK's message quotes the whole value: the token would be logged.
                throw AwsCallException.noCredentials((tokenFile != null ? "the file " + TOKEN_FILE + " names" : TOKEN)
                        + " holds a character an HTTP header cannot carry: look for a line break or an invisible character"
                        + " pasted with the token");
            }
        }
        HttpResponse<byte[]> response;
        try {
            response = AwsJsonClient.exchange(http, request.build(), timeout);
        } catch (AwsCallException e) {
            throw AwsCallException.credentialsUnavailable(e.kind() == AwsCallException.Kind.TIMEOUT
                    ? "the container credentials endpoint did not answer in time"
                    : "the container credentials endpoint could not be reached (" + e.getMessage() + ")", e);
        }
        if (response.statusCode() != 200) {
            throw AwsCallException.credentialsUnavailable("the container credentials endpoint answered HTTP "
                    + response.statusCode(), null);
        }
        return parse(response.body());
    }

    private String authorization() {
        if (tokenFile != null) {
            try {
                return Files.readString(Path.of(tokenFile)).strip();
            } catch (IOException e) {
                throw AwsCallException.credentialsUnavailable(TOKEN_FILE + " could not be read", e);
            }
        }
        return token;
    }

    static AwsCredentials parse(byte[] body) {
        try {
            Map<String, String> fields = AwsJson.textFields(body, FIELDS);
            String keyId = fields.get("AccessKeyId");
            String secret = fields.get("SecretAccessKey");
            if (keyId == null || secret == null) {
                throw AwsCallException.credentialsUnavailable("the container credentials endpoint gave no keys", null);
            }
            String expiration = fields.get("Expiration");
            return new AwsCredentials(keyId, secret, fields.get("Token"), expiration == null ? null : Instant.parse(expiration));
        } catch (IOException | DateTimeParseException e) {
            // Not quoted: the body holds keys.
            throw AwsCallException.credentialsUnavailable("the container credentials endpoint's answer is not"
                    + " credentials JSON", null);
        }
    }

    private static boolean allowed(URI uri) {
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            return true;
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            return false;
        }
        if (HTTP_HOSTS.contains(uri.getHost())) {
            return true;
        }
        try {
            // Resolving the name: "localhost" and 127.x are loopback, a DNS name pointing elsewhere is not.
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return fixed != null ? "LambdaCredentials[environment]" : "LambdaCredentials[endpoint=" + endpoint + "]";
    }
}
