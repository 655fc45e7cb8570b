package dev.oktaprov.credentials;

import dev.oktaprov.aws.SecretsManagerClients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.errors.SecretsUnavailableException;
import dev.oktaprov.time.Deadline;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.testsupport.MotoServer;
import dev.oktaprov.testsupport.MutableClock;
import dev.oktaprov.testsupport.SecretsManagerAdmin;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Against a real Secrets Manager API: moto_server on loopback (or AWS_ENDPOINT_URL). */
class SecretsManagerCredentialSourceTest {

    private static MotoServer moto;
    private static SecretsManagerClient admin;

    private static final HttpClient HTTP = OktaClient.defaultHttpClient(Duration.ofSeconds(2));

    private final MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
        admin = SecretsManagerAdmin.fromEnvironment(moto.environment());
    }

    @AfterAll
    static void stopMoto() {
        if (admin != null) {
            admin.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    private static String newSecret(String value) {
        String name = "okta/provisioning/" + UUID.randomUUID();
        admin.createSecret(b -> b.name(name).secretString(value));
        return name;
    }

    private SecretsManagerCredentialSource source(String secretId, AtomicInteger clientsBuilt) {
        return new SecretsManagerCredentialSource(secretId, () -> {
            clientsBuilt.incrementAndGet();
            return SecretsManagerClients.fromEnvironment(moto.environment(), HTTP);
        }, Duration.ofMinutes(5), clock);
    }

    @Test
    void readsTheTokenLazilyAndCachesItForTheTtl() {
        String secretId = newSecret("{\"apiToken\":\"00first-token\"}");
        AtomicInteger clientsBuilt = new AtomicInteger();
        SecretsManagerCredentialSource source = source(secretId, clientsBuilt);
        assertThat(clientsBuilt).as("nothing happens before the first use").hasValue(0);

        assertThat(source.authorizationHeader(Deadline.none())).isEqualTo("SSWS 00first-token");
        admin.putSecretValue(b -> b.secretId(secretId).secretString("{\"apiToken\":\"00rotated-token\"}"));

        clock.advance(Duration.ofMinutes(4));
        assertThat(source.authorizationHeader(Deadline.none())).as("still cached").isEqualTo("SSWS 00first-token");
        clock.advance(Duration.ofMinutes(1));
        assertThat(source.authorizationHeader(Deadline.none())).as("TTL over").isEqualTo("SSWS 00rotated-token");
        assertThat(clientsBuilt).hasValue(1);
    }

    @Test
    void invalidateFetchesAgainAtOnce() {
        String secretId = newSecret("{\"apiToken\":\"00first-token\"}");
        SecretsManagerCredentialSource source = source(secretId, new AtomicInteger());
        assertThat(source.authorizationHeader(Deadline.none())).isEqualTo("SSWS 00first-token");
        admin.putSecretValue(b -> b.secretId(secretId).secretString("{\"apiToken\":\"00rotated-token\"}"));

        source.invalidate();

        assertThat(source.authorizationHeader(Deadline.none())).isEqualTo("SSWS 00rotated-token");
    }

    @Test
    void secretOfAnUnknownShapeIsAConfigurationErrorWithoutTheValue() {
        String secretId = newSecret("{\"token\":\"00leaky-token\"}");

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> source(secretId, new AtomicInteger()).authorizationHeader(Deadline.none()));

        assertThat(e.getMessage()).contains("has no apiToken").doesNotContain("00leaky-token", "token\"");
    }

    @Test
    void missingSecretIsAConfigurationError() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> source("okta/does-not-exist", new AtomicInteger()).authorizationHeader(Deadline.none()));

        assertThat(e.getMessage()).isEqualTo("The secret named by OKTA_SECRET_ID does not exist");
    }

    @Test
    void unreachableSecretsManagerIsTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> env = new HashMap<>(moto.environment());
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + closedPort);
        // The production reader, waiting between attempts on the test's clock only.
        SecretsManagerCredentialSource source = new SecretsManagerCredentialSource("okta/any",
                () -> SecretsManagerClients.fromEnvironment(env, HTTP, clock, clock::advance), Duration.ofMinutes(5), clock);

        SecretsUnavailableException e = catchThrowableOfType(SecretsUnavailableException.class,
                () -> source.authorizationHeader(Deadline.none()));

        assertThat(e.getMessage()).contains("could not be reached");
    }

    @Test
    void clientNeedsARegion() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> SecretsManagerClients.fromEnvironment(Map.of("AWS_ENDPOINT_URL", moto.endpoint().toString()), HTTP));

        assertThat(e.getMessage()).contains("AWS_REGION");
    }
}
