package dev.oktaprov.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.provisioning.CreateOutcome;
import dev.oktaprov.provisioning.CreateResult;
import dev.oktaprov.provisioning.NewHire;
import dev.oktaprov.provisioning.UserWithGroups;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.simulator.oauth.IssuedToken;
import dev.oktaprov.testsupport.MotoServer;
import dev.oktaprov.testsupport.SecretsManagerAdmin;
import dev.oktaprov.testsupport.TestKeys;
import dev.oktaprov.time.Deadline;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The runtime as Lambda builds it, from environment variables, with the service app's secret in
 * Secrets Manager (moto_server) and Okta played by the simulator: create and get a user, the scopes
 * asked for, and a rotated key picked up after the API's 401.
 */
class ServiceAppThroughSecretsManagerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static MotoServer moto;
    private static SecretsManagerClient admin;

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
        okta = OktaSimulator.start(SimulatorOptions.defaults());
    }

    @AfterEach
    void stopOkta() {
        okta.close();
    }

    private static ObjectNode secret(KeyPair keys, String keyId) {
        return JSON.createObjectNode().put("clientId", "0oaPROVISIONING").put("keyId", keyId).put("privateKey", TestKeys.privatePem(keys));
    }

    private Map<String, String> env(ObjectNode secret) {
        String secretId = "okta/provisioning/" + UUID.randomUUID();
        admin.createSecret(b -> b.name(secretId).secretString(secret.toString()));
        Map<String, String> env = new HashMap<>(moto.environment());
        env.put("OKTA_ORG_URL", okta.baseUrl());
        env.put("OKTA_SECRET_ID", secretId);
        return env;
    }

    private static NewHire newHire(String login) {
        return new NewHire("Ada", "Lovelace", login, login, false, List.of(), null, null, Map.of(), null);
    }

    private Set<String> grantedScopes() {
        List<IssuedToken> tokens = okta.oauth().activeTokens();
        assertThat(tokens).hasSize(1);
        return tokens.get(0).scopes();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RS256", "ES256"})
    void createAndGetWithAServiceAppSecret(String algorithm) {
        KeyPair keys = algorithm.equals("RS256") ? TestKeys.rsa() : TestKeys.ec();
        okta.oauth().register("0oaPROVISIONING", TestKeys.publicPem(keys), "kid-1", OAuthScopes.ALL);
        ProvisioningRuntime runtime = ProvisioningRuntime.builder(env(secret(keys, "kid-1")))
                .scopes(OAuthScopes.CREATE_USERS).build();

        CreateResult created = runtime.service().create(newHire("ada@example.com"), Deadline.none());
        CreateResult again = runtime.service().create(newHire("ada@example.com"), Deadline.none());

        assertThat(created.outcome()).isEqualTo(CreateOutcome.CREATED);
        assertThat(again.outcome()).as("the idempotent lookup works with create-user's scopes").isEqualTo(CreateOutcome.ALREADY_EXISTED);
        assertThat(grantedScopes()).containsExactlyInAnyOrder("okta.users.manage", "okta.users.read");

        ProvisioningRuntime reader = ProvisioningRuntime.builder(env(secret(keys, "kid-1")))
                .scopes(OAuthScopes.READ_USERS).build();
        okta.oauth().revokeAll();
        UserWithGroups read = reader.service().get(created.user().id(), Deadline.none());

        assertThat(read.user().profile().login()).isEqualTo("ada@example.com");
        assertThat(read.groups()).extracting(g -> g.name()).contains("Everyone");
        assertThat(grantedScopes()).containsExactlyInAnyOrder("okta.users.read", "okta.groups.read");
    }

    @Test
    void oktaScopesWinOverTheSecretsScopesWhichWinOverTheFunctionsDefault() {
        KeyPair keys = TestKeys.ec();
        okta.oauth().register("0oaPROVISIONING", TestKeys.publicPem(keys), "kid-1", OAuthScopes.ALL);
        ObjectNode withScopes = secret(keys, "kid-1").put("scopes", "okta.users.read");

        ProvisioningRuntime.builder(env(withScopes)).scopes(OAuthScopes.READ_USERS).build()
                .credentials().authorizationHeader(Deadline.none());
        assertThat(grantedScopes()).containsExactly("okta.users.read");

        okta.oauth().revokeAll();
        Map<String, String> env = env(withScopes);
        env.put("OKTA_SCOPES", "okta.users.read,okta.groups.read");
        ProvisioningRuntime.builder(env).scopes(OAuthScopes.CREATE_USERS).build()
                .credentials().authorizationHeader(Deadline.none());
        assertThat(grantedScopes()).containsExactlyInAnyOrder("okta.users.read", "okta.groups.read");
    }

    @Test
    void aRotatedKeyIsPickedUpAfterTheApisRefusal() {
        KeyPair oldKey = TestKeys.rsa();
        KeyPair newKey = TestKeys.ec();
        okta.oauth().register("0oaPROVISIONING", TestKeys.publicPem(oldKey), "kid-1", OAuthScopes.ALL);
        Map<String, String> env = env(secret(oldKey, "kid-1"));
        ProvisioningRuntime runtime = ProvisioningRuntime.builder(env).scopes(OAuthScopes.READ_USERS).build();
        runtime.service().listJson(dev.oktaprov.provisioning.ListRequest.firstPage(10), Deadline.none());

        // The admin rotates: new key in Okta and in the secret; the old tokens are revoked.
        okta.oauth().register("0oaPROVISIONING", TestKeys.publicPem(newKey), "kid-2", OAuthScopes.ALL);
        admin.putSecretValue(b -> b.secretId(env.get("OKTA_SECRET_ID")).secretString(secret(newKey, "kid-2").toString()));
        okta.oauth().revokeAll();
        runtime.service().listJson(dev.oktaprov.provisioning.ListRequest.firstPage(10), Deadline.none());

        assertThat(okta.oauth().tokensIssued()).isEqualTo(2);
    }
}
