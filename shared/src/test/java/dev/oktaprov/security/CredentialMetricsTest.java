package dev.oktaprov.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.credentials.OAuthCredentialSource;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.credentials.Secret;
import dev.oktaprov.credentials.ServiceAppCredentials;
import dev.oktaprov.credentials.SigningKey;
import dev.oktaprov.credentials.StaticTokenCredentialSource;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.errors.OktaAccessDeniedException;
import dev.oktaprov.okta.CredentialSource;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.okta.model.UserQuery;
import dev.oktaprov.runtime.ProvisioningMetrics;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.MotoServer;
import dev.oktaprov.testsupport.MutableClock;
import dev.oktaprov.testsupport.TestKeys;
import dev.oktaprov.time.Deadline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metrics an operator's alarms watch (template.yaml), as the EMF line a function prints says:
 * Okta refusing the deployment's credentials, whether the API or the OAuth token endpoint refuses
 * them, and the secret that holds them being unreadable.
 */
class CredentialMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeyPair REGISTERED = TestKeys.rsa();
    private static final KeyPair UNKNOWN = TestKeys.ec();

    private final MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");
    private OktaSimulator okta;

    @BeforeEach
    void start() {
        okta = OktaSimulator.start(SimulatorOptions.defaults().withClock(clock));
        // Powertools keeps one metrics instance per process: start from an empty one.
        flushed(ProvisioningMetrics.fromEnvironment(Map.of()));
    }

    @AfterEach
    void stop() {
        okta.close();
    }

    private ProvisioningRuntime runtime(CredentialSource credentials, ProvisioningMetrics metrics) {
        Map<String, String> env = new HashMap<>();
        env.put("OKTA_ORG_URL", okta.baseUrl());
        env.put("OKTA_SECRET_ID", "okta/provisioning");
        return ProvisioningRuntime.builder(env).credentials(credentials)
                .http(OktaClient.defaultHttpClient(Duration.ofSeconds(2))).clock(clock).sleeper(clock::advance)
                .random(new SplittableRandom(5)).metrics(metrics).build();
    }

    private CredentialSource serviceApp(KeyPair keys) {
        okta.oauth().register("0oaMETRICS", TestKeys.publicPem(REGISTERED), "kid-1", OAuthScopes.ALL);
        return new OAuthCredentialSource(okta.baseUri(),
                new ServiceAppCredentials("0oaMETRICS", SigningKey.fromPem(TestKeys.privatePem(keys)), "kid-1"),
                OAuthScopes.ALL, OktaClient.defaultHttpClient(Duration.ofSeconds(2)), clock, Duration.ofSeconds(5));
    }

    @Test
    void aRevokedApiTokenCountsEachRefusal() {
        ProvisioningMetrics metrics = ProvisioningMetrics.fromEnvironment(Map.of());
        ProvisioningRuntime runtime = runtime(new StaticTokenCredentialSource(Secret.of("00revoked-token")), metrics);

        OktaAccessDeniedException e = catchThrowableOfType(OktaAccessDeniedException.class,
                () -> runtime.okta().listUsers(UserQuery.all(), Deadline.none()));

        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(flushed(metrics)).as("the 401 and the 401 after refreshing the credentials once")
                .containsEntry(ProvisioningMetrics.OKTA_AUTHORIZATION_FAILURES, 2.0);
    }

    @Test
    void aServiceAppTheTokenEndpointRefusesIsCountedThoughNoApiCallIsMade() {
        ProvisioningMetrics metrics = ProvisioningMetrics.fromEnvironment(Map.of());
        ProvisioningRuntime runtime = runtime(serviceApp(UNKNOWN), metrics);

        OktaAccessDeniedException e = catchThrowableOfType(OktaAccessDeniedException.class,
                () -> runtime.okta().listUsers(UserQuery.all(), Deadline.none()));

        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(okta.counters().totalRequests()).isZero();
        assertThat(flushed(metrics)).containsEntry(ProvisioningMetrics.OKTA_AUTHORIZATION_FAILURES, 1.0)
                .doesNotContainKey(ProvisioningMetrics.CREDENTIALS_UNAVAILABLE);
    }

    @Test
    void aSecretThatCannotBeReadCountsAsCredentialsUnavailable() {
        try (MotoServer moto = MotoServer.start()) {
            Map<String, String> env = new HashMap<>(moto.environment());
            env.put("OKTA_ORG_URL", okta.baseUrl());
            env.put("OKTA_SECRET_ID", "okta/never-created");
            ProvisioningMetrics metrics = ProvisioningMetrics.fromEnvironment(Map.of());
            ProvisioningRuntime runtime = ProvisioningRuntime.builder(env).http(OktaClient.defaultHttpClient(Duration.ofSeconds(2)))
                    .clock(clock).sleeper(clock::advance).random(new SplittableRandom(5)).metrics(metrics).build();

            ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                    () -> runtime.okta().listUsers(UserQuery.all(), Deadline.none()));

            assertThat(e.getMessage()).contains("OKTA_SECRET_ID");
            assertThat(okta.counters().totalRequests()).isZero();
            assertThat(flushed(metrics)).containsEntry(ProvisioningMetrics.CREDENTIALS_UNAVAILABLE, 1.0)
                    .doesNotContainKey(ProvisioningMetrics.OKTA_AUTHORIZATION_FAILURES);
        }
    }

    @Test
    void accessThatWorksCountsNoRefusal() {
        ProvisioningMetrics metrics = ProvisioningMetrics.fromEnvironment(Map.of());
        ProvisioningRuntime runtime = runtime(serviceApp(REGISTERED), metrics);

        runtime.okta().listUsers(UserQuery.all(), Deadline.none());

        assertThat(flushed(metrics)).containsKey(ProvisioningMetrics.OKTA_LATENCY)
                .doesNotContainKeys(ProvisioningMetrics.OKTA_AUTHORIZATION_FAILURES, ProvisioningMetrics.CREDENTIALS_UNAVAILABLE);
    }

    /** Metric name to the sum of its values in the EMF lines {@code metrics.flush()} prints. */
    static Map<String, Double> flushed(ProvisioningMetrics metrics) {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            metrics.flush();
        } finally {
            System.setOut(original);
        }
        Map<String, Double> sums = new HashMap<>();
        printed.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("{\"_aws\"")).map(CredentialMetricsTest::json)
                .forEach(emf -> emf.path("_aws").path("CloudWatchMetrics").forEach(directive -> directive.path("Metrics")
                        .forEach(metric -> {
                            JsonNode value = emf.path(metric.path("Name").asText());
                            double sum = 0;
                            for (JsonNode one : value.isArray() ? value : JSON.createArrayNode().add(value)) {
                                sum += one.asDouble();
                            }
                            sums.merge(metric.path("Name").asText(), sum, Double::sum);
                        })));
        return sums;
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
