package dev.oktaprov.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The signer against two judges it did not write: the examples of AWS's Signature Version 4 test
 * suite (AWS's documentation: keys AKIDEXAMPLE, 2015-08-30T12:36:00Z, us-east-1, service "service"),
 * and the AWS SDK for Java's own SigV4 signer on the request this project sends.
 */
class SigV4Test {

    private static final AwsCredentials SUITE_KEYS = AwsCredentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    private static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");
    private static final String SUITE_TOKEN = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuF"
            + "qwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7"
            + "WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9"
            + "FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";
    private static final String SUITE_SCOPE = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ";

    private final SigV4 suiteSigner = new SigV4("us-east-1", "service");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "post-vanilla | POST | / | host;x-amz-date | 5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
        "post-vanilla-query | POST | /?Param1=value1 | host;x-amz-date | 28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11",
        "get-vanilla-query-unreserved | GET | /?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                + "=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz | host;x-amz-date"
                + " | 9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197",
    })
    void awsTestSuiteWithoutABody(String example, String method, String pathAndQuery, String signedHeaders, String signature) {
        Map<String, String> added = suiteSigner.sign(method, URI.create("https://example.amazonaws.com" + pathAndQuery), Map.of(),
                new byte[0], SUITE_KEYS, SUITE_TIME);

        assertThat(added).containsEntry("X-Amz-Date", "20150830T123600Z").doesNotContainKey("X-Amz-Security-Token");
        assertThat(added.get("Authorization")).isEqualTo(SUITE_SCOPE + "SignedHeaders=" + signedHeaders + ", Signature=" + signature);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "post-header-key-sort | POST | My-Header1 | value1 | c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c",
        "post-header-value-case | POST | My-Header1 | VALUE1 | cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d",
    })
    void awsTestSuiteWithAHeader(String example, String method, String name, String value, String signature) {
        Map<String, String> added = suiteSigner.sign(method, URI.create("https://example.amazonaws.com/"), Map.of(name, value),
                new byte[0], SUITE_KEYS, SUITE_TIME);

        assertThat(added.get("Authorization")).isEqualTo(SUITE_SCOPE + "SignedHeaders=host;my-header1;x-amz-date, Signature=" + signature);
    }

    @Test
    void awsTestSuiteHeaderValuesTrimmed() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("My-Header1", " value1");
        headers.put("My-Header2", " \"a   b   c\"");

        Map<String, String> added = suiteSigner.sign("GET", URI.create("https://example.amazonaws.com/"), headers, new byte[0],
                SUITE_KEYS, SUITE_TIME);

        assertThat(added.get("Authorization")).isEqualTo(SUITE_SCOPE + "SignedHeaders=host;my-header1;my-header2;x-amz-date,"
                + " Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736");
    }

    @Test
    void awsTestSuiteSessionTokenSigned() {
        AwsCredentials temporary = AwsCredentials.of(SUITE_KEYS.accessKeyId(), SUITE_KEYS.secretAccessKey(), SUITE_TOKEN);

        Map<String, String> added = suiteSigner.sign("POST", URI.create("https://example.amazonaws.com/"), Map.of(), new byte[0],
                temporary, SUITE_TIME);

        assertThat(added).containsEntry("X-Amz-Security-Token", SUITE_TOKEN);
        assertThat(added.get("Authorization")).isEqualTo(SUITE_SCOPE + "SignedHeaders=host;x-amz-date;x-amz-security-token,"
                + " Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "https://secretsmanager.eu-west-1.amazonaws.com/, eu-west-1, ",
        "https://secretsmanager.us-east-1.amazonaws.com/, us-east-1, IQoJb3JpZ2luX2VjEPn//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+token/=",
        "http://127.0.0.1:5000/, us-east-1, ",
        // The port AWS's Host header leaves out (the scheme's default) and one it keeps.
        "https://secretsmanager.eu-west-1.amazonaws.com:443/, eu-west-1, ",
        "http://127.0.0.1:80/, us-east-1, ",
        "https://127.0.0.1:80/, us-east-1, ",
        "https://secretsmanager.eu-west-1.amazonaws.com, eu-west-1, ",
        "https://secretsmanager.eu-west-1.amazonaws.com/?, eu-west-1, ",
        // Every character next to an unreserved range, in a path (slashes kept) and in an unsorted query (encoded).
        "https://secretsmanager.eu-west-1.amazonaws.com/AZaz09-_.~/@:!$/, eu-west-1, ",
        "https://secretsmanager.eu-west-1.amazonaws.com/?z=%40%5B%60%7B%3A%2F%20AZaz09-_.~&a=%2C&b, eu-west-1, ",
    })
    void theSameSignatureAsTheAwsSdkOnAGetSecretValue(String endpoint, String region, String token) {
        byte[] body = "{\"SecretId\":\"okta/provisioning \\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-amz-json-1.1");
        headers.put("X-Amz-Target", "secretsmanager.GetSecretValue");
        // The SDK's signer adds this header of its own; signed the same way on both sides.
        headers.put("X-Amz-Content-Sha256", sha256Hex(body));
        Instant at = Instant.parse("2026-03-01T23:59:58Z");
        AwsCredentials keys = AwsCredentials.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", token);

        Map<String, String> ours = new SigV4(region, "secretsmanager").sign("POST", URI.create(endpoint), headers, body, keys, at);

        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(endpoint));
        headers.forEach((name, value) -> {
            if (!name.equals("X-Amz-Content-Sha256")) {
                request.putHeader(name, value);
            }
        });
        SignedRequest sdk = AwsV4HttpSigner.create().sign(r -> r
                .identity(token == null
                        ? AwsCredentialsIdentity.create(keys.accessKeyId(), keys.secretAccessKey())
                        : AwsSessionCredentialsIdentity.create(keys.accessKeyId(), keys.secretAccessKey(), token))
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "secretsmanager")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));

        assertThat(ours.get("Authorization")).isEqualTo(sdk.request().firstMatchingHeader("Authorization").orElseThrow());
        assertThat(ours.get("X-Amz-Date")).isEqualTo(sdk.request().firstMatchingHeader("X-Amz-Date").orElseThrow());
    }

    private static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSecretKeyAndTokenNeverShowInTheCredentialsText() {
        AwsCredentials keys = AwsCredentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", SUITE_TOKEN);

        assertThat(keys.toString()).contains("AKIDEXAMPLE").doesNotContain("wJalrXUtnFEMI", "AQoDYXdzEPT");
    }
}
