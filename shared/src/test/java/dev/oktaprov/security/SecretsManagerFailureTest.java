package dev.oktaprov.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oktaprov.aws.AwsJsonClient;
import dev.oktaprov.aws.SecretsManagerClients;
import dev.oktaprov.credentials.SecretsManagerCredentialSource;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.errors.SecretsUnavailableException;
import dev.oktaprov.errors.TransientUpstreamException;
import dev.oktaprov.okta.CredentialSource;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.okta.model.UserQuery;
import dev.oktaprov.runtime.ProvisioningConfig;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.LeakWatch;
import dev.oktaprov.testsupport.MotoServer;
import dev.oktaprov.testsupport.MutableClock;
import dev.oktaprov.testsupport.SecretsManagerAdmin;
import dev.oktaprov.testsupport.SilentServer;
import dev.oktaprov.time.Deadline;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets Manager down, hanging up, silent, failing, throttling, refusing or holding a secret of the
 * wrong shape. Whatever Secrets Manager cannot answer now is a {@link SecretsUnavailableException}
 * (retry later) within the caller's deadline; only a secret that is missing, denied or malformed is a
 * {@link ConfigurationException}, and the log line says which. Secrets Manager sees a bounded number
 * of attempts, and Okta (the simulator, token endpoint included) sees nothing at all.
 *
 * <p>The Secrets Manager reader is the production one ({@link SecretsManagerClients}), its waits
 * between attempts taken on the test's clock, so no test sleeps; only the silent Secrets Manager is
 * waited for, as long as the deadline allows (1 s). Secrets are written with AWS's own SDK.
 */
class SecretsManagerFailureTest {

    private static final String AMZ_JSON = "application/x-amz-json-1.1";

    private static MotoServer moto;
    private static SecretsManagerClient admin;

    private final MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");
    private OktaSimulator okta;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
        admin = SecretsManagerAdmin.fromEnvironment(moto.environment());
    }

    @AfterAll
    static void stopMoto() {
        admin.close();
        moto.close();
    }

    @BeforeEach
    void startOkta() {
        okta = OktaSimulator.start(SimulatorOptions.defaults().withClock(clock));
    }

    @AfterEach
    void stopOkta() {
        okta.close();
    }

    private Map<String, String> env(URI secretsManager) {
        Map<String, String> env = new HashMap<>(moto.environment());
        env.put("AWS_ENDPOINT_URL", secretsManager.toString());
        env.put("OKTA_ORG_URL", okta.baseUrl());
        env.put("OKTA_SECRET_ID", "okta/provisioning");
        return env;
    }

    private OktaClient client(Map<String, String> env, String secretId) {
        ProvisioningConfig config = ProvisioningConfig.fromEnvironment(env);
        HttpClient http = OktaClient.defaultHttpClient(Duration.ofSeconds(2));
        // The source production builds, with a reader that waits between attempts on the test's clock.
        CredentialSource credentials = new SecretsManagerCredentialSource(secretId,
                () -> SecretsManagerClients.fromEnvironment(env, http, clock, clock::advance), config.secretCacheTtl(), clock, app -> {
                    throw new AssertionError("no secret in these tests is a usable service app");
                });
        return ProvisioningRuntime.builder(env).credentials(credentials).http(http).clock(clock)
                .sleeper(clock::advance).random(new SplittableRandom(3)).build().okta();
    }

    private void assertNothingReachedOkta() {
        assertThat(okta.counters().totalRequests()).as("requests to Okta's API").isZero();
        assertThat(okta.oauth().tokenRequests()).as("requests to Okta's token endpoint").isZero();
    }

    static Stream<Arguments> unavailable() {
        return Stream.of(
                Arguments.of("hangs up", (Supplier<CountingEndpoint>) CountingEndpoint::hangingUp, "could not be reached"),
                Arguments.of("answers 500", (Supplier<CountingEndpoint>) () -> CountingEndpoint.answering(500,
                        AMZ_JSON, "{\"__type\":\"InternalServiceError\",\"message\":\"down\"}"), "answered HTTP 500 InternalServiceError"),
                Arguments.of("throttles", (Supplier<CountingEndpoint>) () -> CountingEndpoint.answering(400,
                        AMZ_JSON, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"),
                        "answered HTTP 400 ThrottlingException"));
    }

    @ParameterizedTest(name = "Secrets Manager {0}")
    @MethodSource("unavailable")
    void anUnavailableSecretsManagerIsTransientAfterAFewAttempts(String name, Supplier<CountingEndpoint> endpoint, String reason) {
        try (CountingEndpoint secretsManager = endpoint.get()) {
            Map<String, String> env = env(secretsManager.uri());
            OktaClient client = client(env, "okta/provisioning");
            int attemptsAllowed = AwsJsonClient.MAX_ATTEMPTS;

            SecretsUnavailableException first = catchThrowableOfType(SecretsUnavailableException.class,
                    () -> client.listUsers(UserQuery.all(), Deadline.none()));
            int afterFirst = secretsManager.hits();
            SecretsUnavailableException second = catchThrowableOfType(SecretsUnavailableException.class,
                    () -> client.getUser("00u1", Deadline.none()));

            assertThat(first).isNotNull();
            assertThat(first.code()).isEqualTo("SECRETS_UNAVAILABLE");
            assertThat(first.getMessage()).contains("OKTA_SECRET_ID").contains(reason).doesNotContain(MotoServer.SECRET_KEY);
            assertThat(second).isNotNull();
            assertThat(attemptsAllowed).as("the reader's attempts per read, as the AWS SDK's standard retries").isEqualTo(3);
            assertThat(afterFirst).as("attempts for one call").isEqualTo(attemptsAllowed);
            assertThat(secretsManager.hits()).as("attempts for two calls").isEqualTo(2 * attemptsAllowed);
            assertNothingReachedOkta();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSilentSecretsManagerIsTransientWithinTheDeadline() {
        try (SilentServer secretsManager = SilentServer.start()) {
            Map<String, String> env = env(secretsManager.uri());
            OktaClient client = client(env, "okta/provisioning");

            // The test's clock stands still, so the deadline leaves exactly 1 s for each Secrets Manager call.
            SecretsUnavailableException e = catchThrowableOfType(SecretsUnavailableException.class,
                    () -> client.listUsers(UserQuery.all(), Deadline.after(Duration.ofSeconds(1), clock)));

            assertThat(e).as("no answer within the deadline is transient, not a configuration error").isNotNull();
            assertThat(e.getMessage()).contains("did not answer in time");
            assertThat(secretsManager.connections()).as("one attempt, cut off by the deadline").isEqualTo(1);
            assertNothingReachedOkta();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anAnswerWhoseBodyNeverEndsIsTransientWithinTheDeadline() {
        try (CountingEndpoint secretsManager = CountingEndpoint.stallingBody()) {
            OktaClient client = client(env(secretsManager.uri()), "okta/provisioning");

            // The test's clock stands still: the deadline leaves 1 s, and the headers come at once.
            SecretsUnavailableException e = catchThrowableOfType(SecretsUnavailableException.class,
                    () -> client.listUsers(UserQuery.all(), Deadline.after(Duration.ofSeconds(1), clock)));

            assertThat(e).as("a body cut off by the deadline is transient").isNotNull();
            assertThat(e.getMessage()).contains("did not answer in time");
            assertThat(secretsManager.hits()).as("one attempt, cut off by the deadline").isEqualTo(1);
            assertNothingReachedOkta();
        }
    }

    @Test
    void noTimeLeftMeansNoReadAtAll() {
        try (CountingEndpoint secretsManager = CountingEndpoint.forwardingTo(moto.endpoint())) {
            OktaClient client = client(env(secretsManager.uri()), "okta/provisioning");
            Deadline passed = Deadline.after(Duration.ofSeconds(1), clock);
            clock.advance(Duration.ofSeconds(2));

            assertThat(catchThrowableOfType(RuntimeException.class, () -> client.listUsers(UserQuery.all(), passed)))
                    .isInstanceOfAny(SecretsUnavailableException.class, TransientUpstreamException.class);
            assertThat(secretsManager.hits()).isZero();
            assertNothingReachedOkta();
        }
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("AccessDeniedException", 400, "denied", "Secrets Manager refused to read"),
                Arguments.of("DecryptionFailure", 400, "denied", "KMS key"),
                Arguments.of("UnrecognizedClientException", 400, "denied", "Secrets Manager refused to read"),
                Arguments.of("ResourceNotFoundException", 400, "missing", "does not exist"),
                Arguments.of("InvalidRequestException", 400, "missing", "scheduled for deletion"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aMissingOrDeniedSecretIsAConfigurationErrorAndTheLogSaysWhich(String errorCode, int status, String kind, String reason) {
        try (CountingEndpoint secretsManager = CountingEndpoint.answering(status, AMZ_JSON,
                "{\"__type\":\"" + errorCode + "\",\"message\":\"no\"}");
                LeakWatch watch = LeakWatch.start()) {
            OktaClient client = client(env(secretsManager.uri()), "okta/provisioning");

            ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                    () -> client.listUsers(UserQuery.all(), Deadline.none()));

            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("OKTA_SECRET_ID").contains(reason);
            assertThat(secretsManager.hits()).as("a refusal is not retried").isEqualTo(1);
            assertThat(watch.logLines(Level.ERROR)).extracting(LeakWatch.Line::text)
                    .anySatisfy(line -> assertThat(line).contains("The Okta secret is " + kind + ": HTTP " + status + " " + errorCode));
            assertNothingReachedOkta();
        }
    }

    @Test
    void aStoppedSecretsManagerIsTransient() {
        // A moto of its own, read once (and cached), then stopped; a 401-style invalidation forces a re-read.
        try (MotoServer own = MotoServer.start()) {
            org.junit.jupiter.api.Assumptions.assumeFalse(own.endpoint().equals(moto.endpoint()),
                    "AWS_ENDPOINT_URL names an external server this test cannot stop");
            Map<String, String> env = env(own.endpoint());
            try (SecretsManagerClient ownAdmin = SecretsManagerAdmin.fromEnvironment(env)) {
                ownAdmin.createSecret(b -> b.name("okta/provisioning").secretString("{\"apiToken\":\"" + okta.token() + "\"}"));
            }
            ProvisioningConfig config = ProvisioningConfig.fromEnvironment(env);
            HttpClient http = OktaClient.defaultHttpClient(Duration.ofSeconds(2));
            SecretsManagerCredentialSource credentials = new SecretsManagerCredentialSource("okta/provisioning",
                    () -> SecretsManagerClients.fromEnvironment(env, http, clock, clock::advance), config.secretCacheTtl(), clock);
            OktaClient client = ProvisioningRuntime.builder(env).credentials(credentials).http(http).clock(clock)
                    .sleeper(clock::advance).random(new SplittableRandom(3)).build().okta();
            client.listUsers(UserQuery.all(), Deadline.none());
            long before = okta.counters().totalRequests();

            own.close();
            credentials.invalidate();
            SecretsUnavailableException e = catchThrowableOfType(SecretsUnavailableException.class,
                    () -> client.listUsers(UserQuery.all(), Deadline.none()));

            assertThat(e.getMessage()).isEqualTo("Secrets Manager is unavailable to read the secret named by OKTA_SECRET_ID"
                    + " (could not be reached (ConnectException)); try again later");
            assertThat(okta.counters().totalRequests()).isEqualTo(before);
        }
    }

    static Stream<Arguments> unexpectedShapes() {
        return Stream.of(
                Arguments.of("plain text", "00plain-token-text", "is not JSON", 1),
                Arguments.of("a JSON array", "[\"00token\"]", "is not a JSON object", 1),
                Arguments.of("a number for the token", "{\"apiToken\":42}", "empty or non-text apiToken", 1),
                Arguments.of("another product's fields", "{\"username\":\"svc\",\"password\":\"hunter2-secret\"}", "has no apiToken or clientId", 1),
                Arguments.of("half a service app", "{\"clientId\":\"0oa1\",\"privateKey\":\"-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----\"}",
                        "needs clientId, privateKey and keyId", 1),
                Arguments.of("a service app with a broken key", "{\"clientId\":\"0oa1\",\"keyId\":\"k\",\"privateKey\":\"-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----\"}",
                        "unusable privateKey", 1),
                Arguments.of("a token with a zero-width space", "{\"apiToken\":\"00plain-token\u200Btext\"}", "position 14", 1),
                Arguments.of("binary", null, "binary or unreadable as text", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unexpectedShapes")
    void aSecretOfAnUnexpectedShapeIsAConfigurationErrorAndIsNotReadAgainAndAgain(String name, String value, String reason,
            int requestsPerRead) throws Exception {
        String secretId = "okta/provisioning/" + UUID.randomUUID();
        if (value == null) {
            admin.createSecret(b -> b.name(secretId).secretBinary(SdkBytes.fromUtf8String("{\"apiToken\":\"00binary\"}")));
        } else {
            admin.createSecret(b -> b.name(secretId).secretString(value));
        }
        try (CountingEndpoint secretsManager = CountingEndpoint.forwardingTo(moto.endpoint());
                LeakWatch watch = LeakWatch.start()) {
            Map<String, String> env = env(secretsManager.uri());
            env.put("OKTA_SECRET_ID", secretId);
            OktaClient client = client(env, secretId);

            for (int call = 0; call < 3; call++) {
                ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                        () -> client.listUsers(UserQuery.all(), Deadline.none()));
                assertThat(e).as("call %d", call).isNotNull();
                assertThat(e.getMessage()).contains("OKTA_SECRET_ID").contains(reason)
                        .doesNotContain("00plain-token", "text\"", "hunter2-secret", "00binary", "AAAA");
            }
            assertThat(secretsManager.hits()).as("one read for three calls: the answer is kept until the TTL").isEqualTo(requestsPerRead);
            assertThat(watch.logLines(Level.ERROR)).extracting(LeakWatch.Line::text)
                    .anySatisfy(line -> assertThat(line).contains("The Okta secret is malformed"));
            watch.secret("the secret's value", "00plain-token").secret("the secret's value", "hunter2-secret");
            watch.assertNoLeaks();
            assertNothingReachedOkta();
        }
    }
}
