package dev.oktaprov.simulator.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.model.User;
import com.okta.sdk.resource.model.UserGetSingleton;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatorOptions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SDK's OAuth mode ({@code AuthorizationMode.PRIVATE_KEY}): the SDK's own JWT code signs the
 * client assertion, the simulator's token endpoint verifies it and issues a scoped Bearer token,
 * and the API holds the SDK to those scopes.
 */
class OktaSdkOAuthTest {

    private static final String CLIENT_ID = "0oaSdkServiceApp";
    private static final String KEY_ID = "sdk-key-1";
    private static KeyPair keys;
    private static OktaSimulator okta;

    @BeforeAll
    static void start() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        okta = OktaSimulator.start(SimulatorOptions.defaults());
        okta.oauth().register(CLIENT_ID, keys.getPublic(), KEY_ID,
                List.of("okta.users.read", "okta.users.manage", "okta.groups.read"));
    }

    @AfterAll
    static void stop() {
        okta.close();
    }

    private static ApiClient sdk(Set<String> scopes) {
        return SdkClients.privateKey(okta, CLIENT_ID, KEY_ID, keys.getPrivate(), scopes);
    }

    @Test
    void theSdkGetsATokenThenCreatesAndReadsAUser() throws ApiException {
        long issuedBefore = okta.oauth().tokensIssued();
        UserApi users = new UserApi(sdk(Set.of("okta.users.read", "okta.users.manage")));

        User created = users.createUser(OktaSdkTest.newUser("oauth.sdk@example.com", "OAuth", List.of()), true, false, null);
        UserGetSingleton read = users.getUser(created.getId(), null, null);

        assertThat(okta.oauth().tokensIssued() - issuedBefore).isEqualTo(1);
        assertThat(read.getProfile().getLogin()).isEqualTo("oauth.sdk@example.com");
        assertThat(okta.findByLogin("oauth.sdk@example.com")).isPresent();
    }

    @Test
    void aScopeTheTokenLacksIs403E0000006() throws ApiException {
        UserApi readOnly = new UserApi(sdk(Set.of("okta.users.read")));

        assertThatThrownBy(() -> readOnly.createUser(OktaSdkTest.newUser("nope@example.com", "Nope", List.of()), true, false, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getResponseBody()).contains("E0000006");
                });
        assertThat(okta.findByLogin("nope@example.com")).isEmpty();
    }

    @Test
    void aServiceAppsTokenHasNoUserBehindItSoMeIs404() {
        UserApi users = new UserApi(sdk(Set.of("okta.users.read")));

        assertThatThrownBy(() -> users.getUser("me", null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getResponseBody()).contains("E0000007", "me (User)");
                });
    }
}
