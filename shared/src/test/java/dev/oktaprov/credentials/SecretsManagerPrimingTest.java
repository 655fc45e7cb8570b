package dev.oktaprov.credentials;

import dev.oktaprov.aws.SecretsManagerClients;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.time.Deadline;
import dev.oktaprov.testsupport.MotoServer;
import dev.oktaprov.testsupport.MutableClock;
import dev.oktaprov.testsupport.SecretsManagerAdmin;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** SnapStart priming of the secret source: signing and parsing warm up, and nothing about the secret is kept. */
class SecretsManagerPrimingTest {

    @Test
    void primingReadsNothingSoTheFirstRequestGetsTheSecretAsItIsThen() {
        try (MotoServer moto = MotoServer.start();
             SecretsManagerClient admin = SecretsManagerAdmin.fromEnvironment(moto.environment())) {
            String secretId = "okta/provisioning/" + UUID.randomUUID();
            admin.createSecret(b -> b.name(secretId).secretString("{\"apiToken\":\"00before-snapshot\"}"));
            AtomicInteger clientsBuilt = new AtomicInteger();
            SecretsManagerCredentialSource source = new SecretsManagerCredentialSource(secretId, () -> {
                clientsBuilt.incrementAndGet();
                return SecretsManagerClients.fromEnvironment(moto.environment(), OktaClient.defaultHttpClient(Duration.ofSeconds(2)));
            }, Duration.ofMinutes(5), MutableClock.at("2026-01-05T10:00:00Z"));

            source.prime();
            assertThat(clientsBuilt).as("priming builds no client of ours").hasValue(0);

            admin.putSecretValue(b -> b.secretId(secretId).secretString("{\"apiToken\":\"00after-restore\"}"));
            assertThat(source.authorizationHeader(Deadline.none())).isEqualTo("SSWS 00after-restore");
            assertThat(clientsBuilt).hasValue(1);
        }
    }
}
