package dev.oktaprov.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.okta.sdk.authc.credentials.TokenClientCredentials;
import com.okta.sdk.cache.Caches;
import com.okta.sdk.client.Clients;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.api.UserResourcesApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.common.PagedList;
import com.okta.sdk.resource.model.CreateUserRequest;
import com.okta.sdk.resource.model.Group;
import com.okta.sdk.resource.model.GroupType;
import com.okta.sdk.resource.model.PasswordCredential;
import com.okta.sdk.resource.model.User;
import com.okta.sdk.resource.model.UserCredentials;
import com.okta.sdk.resource.model.UserGetSingleton;
import com.okta.sdk.resource.model.UserProfile;
import com.okta.sdk.resource.model.UserStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Okta's own Java SDK (okta-sdk-java 24) against the simulator: if the official client cannot
 * tell the difference on these paths, users' own Okta tooling will not either.
 */
class OktaSdkTest {

    private static final String HTTPS_CHECK = "okta.testing.disableHttpsCheck";
    private static OktaSimulator okta;
    private static ApiClient client;
    private static String previousHttpsCheck;

    @BeforeAll
    static void start() {
        okta = OktaSimulator.start(SimulatorOptions.defaults().withToken("sdk-token"));
        // The SDK refuses an http:// org URL unless this testing switch is on.
        previousHttpsCheck = System.setProperty(HTTPS_CHECK, "true");
        client = Clients.builder()
                .setOrgUrl(okta.baseUrl())
                .setClientCredentials(new TokenClientCredentials(okta.token()))
                .setCacheManager(Caches.newDisabledCacheManager())
                .build();
    }

    @AfterAll
    static void stop() {
        if (previousHttpsCheck == null) {
            System.clearProperty(HTTPS_CHECK);
        } else {
            System.setProperty(HTTPS_CHECK, previousHttpsCheck);
        }
        okta.close();
    }

    private static User create(UserApi users, String login, String lastName, List<String> groupIds) throws ApiException {
        UserProfile profile = new UserProfile();
        profile.setLogin(login);
        profile.setEmail(login);
        profile.setFirstName("Sdk");
        profile.setLastName(lastName);
        profile.getAdditionalProperties().put("favouriteColour", "teal");
        CreateUserRequest request = new CreateUserRequest().profile(profile).groupIds(groupIds)
                .credentials(new UserCredentials().password(new PasswordCredential().value("Correct-Horse-9")));
        return users.createUser(request, true, false, null);
    }

    @Test
    void createGetListAndGroupsThroughTheOfficialSdk() throws ApiException {
        SimulatedGroup engineering = okta.addGroup("SDK Engineering", "Built by the SDK test");
        UserApi users = new UserApi(client);

        User created = create(users, "sdk.one@example.com", "One", List.of(engineering.id()));
        for (int i = 2; i <= 5; i++) {
            create(users, "sdk." + i + "@example.com", "Member", List.of());
        }
        UserGetSingleton byId = users.getUser(created.getId(), null, null);
        UserGetSingleton byLogin = users.getUser("SDK.one@example.com", null, null);

        assertThat(created.getStatus()).isEqualTo(UserStatus.ACTIVE);
        assertThat(created.getId()).matches("00u[A-Za-z0-9]{17}");
        assertThat(created.getCreated()).isNotNull();
        assertThat(byId.getProfile().getLogin()).isEqualTo("sdk.one@example.com");
        assertThat(byId.getProfile().getAdditionalProperties()).containsEntry("favouriteColour", "teal");
        assertThat(byLogin.getId()).isEqualTo(created.getId());

        List<String> logins = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            List<User> page = users.listUsers(null, null, after, 2, "profile.lastName eq \"Member\"", null, null, null);
            page.forEach(user -> logins.add(user.getProfile().getLogin()));
            after = ((PagedList<User>) page).hasMoreItems() ? ((PagedList<User>) page).getAfter() : null;
            pages++;
        } while (after != null && pages < 10);
        assertThat(pages).isEqualTo(2);
        assertThat(logins).containsExactly("sdk.2@example.com", "sdk.3@example.com", "sdk.4@example.com", "sdk.5@example.com");

        List<Group> groups = new UserResourcesApi(client).listUserGroups(created.getId());
        assertThat(groups).extracting(group -> group.getProfile().getName())
                .containsExactly("Everyone", "SDK Engineering");
        assertThat(groups.get(0).getType()).isEqualTo(GroupType.BUILT_IN);
    }

    @Test
    void oktaErrorsReachTheSdkAsOktaErrors() {
        UserApi users = new UserApi(client);

        assertThatThrownBy(() -> users.getUser("nobody@example.com", null, null))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> {
                    ApiException error = (ApiException) e;
                    assertThat(error.getCode()).isEqualTo(404);
                    assertThat(error.getResponseBody()).contains("E0000007");
                });
    }
}
