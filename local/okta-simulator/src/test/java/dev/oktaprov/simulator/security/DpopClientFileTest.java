package dev.oktaprov.simulator.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.simulator.oauth.OAuthClientFiles;
import dev.oktaprov.simulator.oauth.RegisteredClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --oauth-client FILE}: Okta's {@code dpop_bound_access_tokens} on for the app that says so only; a public JWK's kid as keyId. */
class DpopClientFileTest {

    @Test
    void theFileFieldTurnsDpopOnForThatClientOnly(@TempDir Path dir) throws Exception {
        TestServiceApp dpop = TestServiceApp.ec("0oaFILEDPOP");
        TestServiceApp plain = TestServiceApp.ec("0oaFILEPLAIN");
        Path file = dir.resolve("clients.json");
        Files.writeString(file, TestServiceApp.JSON.writeValueAsString(List.of(
                TestServiceApp.JSON.createObjectNode().put("clientId", dpop.clientId).put("keyId", dpop.keyId)
                        .put("scopes", "okta.users.read").put("dpop_bound_access_tokens", true)
                        .set("publicKey", dpop.publicJwk()),
                TestServiceApp.JSON.createObjectNode().put("clientId", plain.clientId).put("keyId", plain.keyId)
                        .put("scopes", "okta.users.read").set("publicKey", plain.publicJwk()))));

        List<RegisteredClient> clients = OAuthClientFiles.read(file);

        assertThat(clients).extracting(RegisteredClient::dpopBoundAccessTokens).containsExactly(true, false);
        try (OktaSimulator okta = OktaSimulator.start(SimulatorOptions.defaults())) {
            clients.forEach(okta.oauth()::register);
            TokenEndpoint endpoint = new TokenEndpoint(okta.baseUrl());
            TokenEndpoint.Answer dpopAnswer = endpoint.token("okta.users.read", dpop.assertion(endpoint.url(), Instant.now()));
            TokenEndpoint.Answer plainAnswer = endpoint.token("okta.users.read", plain.assertion(endpoint.url(), Instant.now()));

            assertThat(dpopAnswer.error()).isEqualTo("invalid_dpop_proof");
            assertThat(plainAnswer.json().path("token_type").asText()).isEqualTo("Bearer");
        }
    }

    @Test
    void aPublicJwkCopiedFromOktaNamesTheKeyByItsKid(@TempDir Path dir) throws Exception {
        TestServiceApp app = TestServiceApp.ec("0oaFILEKID");
        Path file = dir.resolve("clients.json");
        Files.writeString(file, TestServiceApp.JSON.writeValueAsString(TestServiceApp.JSON.createObjectNode()
                .put("clientId", app.clientId).put("scopes", "okta.users.read")
                .set("publicKey", app.publicJwk().put("kid", app.keyId))));

        List<RegisteredClient> clients = OAuthClientFiles.read(file);

        assertThat(clients).extracting(RegisteredClient::keyId).containsExactly(app.keyId);
        try (OktaSimulator okta = OktaSimulator.start(SimulatorOptions.defaults())) {
            clients.forEach(okta.oauth()::register);
            TokenEndpoint endpoint = new TokenEndpoint(okta.baseUrl());
            TokenEndpoint.Answer answer = endpoint.token("okta.users.read", app.assertion(endpoint.url(), Instant.now()));

            assertThat(answer.json().path("token_type").asText()).as(answer.body()).isEqualTo("Bearer");
        }
    }
}
