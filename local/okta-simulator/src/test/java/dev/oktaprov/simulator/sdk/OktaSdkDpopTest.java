package dev.oktaprov.simulator.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.model.User;
import com.okta.sdk.resource.model.UserGetSingleton;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.simulator.oauth.IssuedToken;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An API Services app as Okta's Admin Console creates it today, DPoP required, and okta-sdk-java
 * configured as a user would (PRIVATE_KEY, client id, key, scopes): the SDK must find out about
 * DPoP from the token endpoint's answers, run the handshake itself, and then prove its key on every
 * API call. If Okta's own client cannot get through, the simulator's DPoP is wrong.
 */
class OktaSdkDpopTest {

    private static final String CLIENT_ID = "0oaSdkDpopApp";
    private static final String KEY_ID = "sdk-dpop-1";

    private KeyPair keys;
    private OktaSimulator okta;

    @BeforeEach
    void start() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        okta = OktaSimulator.start(SimulatorOptions.defaults());
        okta.seedUsers(SeedUser.of("existing@example.com", "Existing", "User"));
        okta.oauth().register(CLIENT_ID, keys.getPublic(), KEY_ID, List.of("okta.users.read", "okta.users.manage"));
        okta.oauth().requireDpop(CLIENT_ID);
    }

    @AfterEach
    void stop() {
        okta.close();
    }

    @Test
    void theSdkRunsTheHandshakeThenCreatesGetsAndListsUsersWithItsBoundToken() throws ApiException {
        UserApi users = new UserApi(SdkClients.privateKey(okta, CLIENT_ID, KEY_ID, keys.getPrivate(),
                Set.of("okta.users.read", "okta.users.manage")));

        User created = users.createUser(OktaSdkTest.newUser("dpop.sdk@example.com", "Dpop", List.of()), true, false, null);
        UserGetSingleton read = users.getUser(created.getId(), null, null);
        List<User> listed = users.listUsers(null, null, null, 200, null, null, null, null);

        assertThat(okta.userCount()).isEqualTo(2);
        assertThat(okta.findByLogin("dpop.sdk@example.com")).hasValueSatisfying(user -> {
            assertThat(user.id()).isEqualTo(created.getId());
            assertThat(user.profile()).containsEntry("lastName", "Dpop");
        });
        assertThat(read.getProfile().getLogin()).isEqualTo("dpop.sdk@example.com");
        assertThat(listed).extracting(user -> user.getProfile().getLogin())
                .containsExactly("existing@example.com", "dpop.sdk@example.com");
        // No proof, then no nonce, then the token: three requests, one token, bound to the SDK's key.
        assertThat(okta.oauth().tokenRequests()).isEqualTo(3);
        assertThat(okta.oauth().activeTokens()).singleElement().satisfies(token -> assertThat(token.dpopBound()).isTrue());
    }

    @Test
    void aClientThatDoesNotRequireDpopStillGetsABearerTokenAtTheFirstRequest() throws ApiException {
        okta.oauth().register(okta.oauth().client(CLIENT_ID).orElseThrow().withDpopBoundAccessTokens(false));
        UserApi users = new UserApi(SdkClients.privateKey(okta, CLIENT_ID, KEY_ID, keys.getPrivate(), Set.of("okta.users.read")));

        users.getUser("existing@example.com", null, null);

        assertThat(okta.oauth().tokenRequests()).isEqualTo(1);
        assertThat(okta.oauth().activeTokens()).extracting(IssuedToken::dpopBound).containsExactly(false);
    }
}
