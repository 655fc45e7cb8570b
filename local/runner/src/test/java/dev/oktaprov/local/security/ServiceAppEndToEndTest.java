package dev.oktaprov.local.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.local.LocalSet;
import dev.oktaprov.local.LocalSetSettings;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.simulator.oauth.IssuedToken;
import dev.oktaprov.testsupport.MotoServer;
import dev.oktaprov.testsupport.SecretsManagerAdmin;
import dev.oktaprov.testsupport.TestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * OAuth end to end: an OAuth service app's secret in Secrets Manager (moto_server), the create and
 * get functions behind the local HTTP API, and Okta played by the simulator, whose token endpoint
 * verifies the assertions they sign with an RSA or an EC key made here. Each function gets a token
 * with its own scopes only. "EC+DPoP" is an app as Okta makes new service apps today, with "Require
 * DPoP" ticked: every token is bound to a key of the function's own. "RSA-JWK+DPoP" stores the key
 * as Okta's console shows it first when it generates one: a private JWK whose kid stands for keyId.
 */
class ServiceAppEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static MotoServer moto;
    private static SecretsManagerClient secrets;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
        secrets = SecretsManagerAdmin.fromEnvironment(moto.environment());
    }

    @AfterAll
    static void stopMoto() {
        secrets.close();
        moto.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RSA", "EC", "EC+DPoP", "RSA-JWK+DPoP"})
    void createThenGetWithAServiceApp(String app) throws Exception {
        String keyType = app.replace("+DPoP", "").replace("-JWK", "");
        boolean dpop = app.endsWith("+DPoP");
        KeyPair keys = TestKeys.keyPair(keyType);
        try (OktaSimulator okta = OktaSimulator.start(SimulatorOptions.defaults())) {
            okta.oauth().register("0oaLOCAL", TestKeys.publicPem(keys), "kid-" + keyType, OAuthScopes.ALL);
            if (dpop) {
                okta.oauth().requireDpop("0oaLOCAL");
            }
            String secretId = "okta/provisioning/" + UUID.randomUUID();
            String secret = write(app.contains("-JWK")
                    ? Map.of("clientId", "0oaLOCAL", "privateKey", TestKeys.privateJwk(keys, "kid-" + keyType))
                    : Map.of("clientId", "0oaLOCAL", "keyId", "kid-" + keyType, "privateKey", TestKeys.privatePem(keys)));
            secrets.createSecret(b -> b.name(secretId).secretString(secret));
            Map<String, String> shell = new HashMap<>();
            shell.put("OKTA_ORG_URL", okta.baseUrl());
            shell.put("OKTA_SECRET_ID", secretId);
            shell.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", moto.endpoint().toString());
            shell.put("AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY);
            shell.put("AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_KEY);
            LocalSetSettings settings = new LocalSetSettings(0, 0, null, null, null, "oauth-" + UUID.randomUUID().toString().substring(0, 8),
                    10, Duration.ZERO, 2, 5, Duration.ofSeconds(120), Duration.ofSeconds(2), Duration.ofSeconds(30));

            try (LocalSet set = LocalSet.start(settings, shell, line -> { })) {
                String api = set.api().baseUrl();
                String login = "ada." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
                HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(api + "/users"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\""
                                + login + "\",\"login\":\"" + login + "\"}")));
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                Set<String> createScopes = scopesOfTheOneActiveToken(okta);
                boolean createTokenBound = okta.oauth().activeTokens().get(0).dpopBound();

                okta.oauth().revokeAll();
                String id = JSON.readTree(created.body()).path("id").asText();
                HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(api + "/users/" + id)).GET());

                assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
                JsonNode user = JSON.readTree(read.body());
                assertThat(user.path("profile").path("login").asText()).isEqualTo(login);
                assertThat(user.path("groups").isArray()).isTrue();
                assertThat(createScopes).containsExactlyInAnyOrderElementsOf(OAuthScopes.CREATE_USERS);
                assertThat(scopesOfTheOneActiveToken(okta)).containsExactlyInAnyOrderElementsOf(OAuthScopes.READ_USERS);
                assertThat(createTokenBound).as("create-user's token is DPoP-bound").isEqualTo(dpop);
                assertThat(okta.oauth().activeTokens().get(0).dpopBound()).as("get-user's token is DPoP-bound").isEqualTo(dpop);
                // Each function's handshake: without a proof, with a new key's proof, with the nonce.
                assertThat(okta.oauth().receivedAssertions()).hasSize(dpop ? 6 : 2);
            }
        }
    }

    private static Set<String> scopesOfTheOneActiveToken(OktaSimulator okta) {
        List<IssuedToken> tokens = okta.oauth().activeTokens();
        assertThat(tokens).hasSize(1);
        return tokens.get(0).scopes().stream().collect(Collectors.toSet());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String write(Object value) throws Exception {
        return JSON.writeValueAsString(value);
    }
}
