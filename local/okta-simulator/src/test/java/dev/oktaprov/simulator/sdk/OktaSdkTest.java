package dev.oktaprov.simulator.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.okta.sdk.helper.PaginationUtil;
import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.api.UserLifecycleApi;
import com.okta.sdk.resource.api.UserResourcesApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.model.CreateUserRequest;
import com.okta.sdk.resource.model.Group;
import com.okta.sdk.resource.model.GroupType;
import com.okta.sdk.resource.model.PasswordCredential;
import com.okta.sdk.resource.model.User;
import com.okta.sdk.resource.model.UserActivationToken;
import com.okta.sdk.resource.model.UserCredentials;
import com.okta.sdk.resource.model.UserGetSingleton;
import com.okta.sdk.resource.model.UserProfile;
import com.okta.sdk.resource.model.UserStatus;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatedGroup;
import dev.oktaprov.simulator.SimulatorOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Okta's own Java SDK (okta-sdk-java 24, unchanged) as the judge of the simulator, with an API
 * token: if the official client cannot tell the difference, users' own Okta tooling will not either.
 */
class OktaSdkTest {

    private static OktaSimulator okta;
    private static ApiClient client;

    @BeforeAll
    static void start() {
        okta = OktaSimulator.start(SimulatorOptions.defaults().withToken("sdk-token"));
        client = SdkClients.apiToken(okta);
    }

    @AfterAll
    static void stop() {
        okta.close();
    }

    @BeforeEach
    void freshOrg() {
        okta.reset();
    }

    static CreateUserRequest newUser(String login, String lastName, List<String> groupIds) {
        UserProfile profile = new UserProfile();
        profile.setLogin(login);
        profile.setEmail(login);
        profile.setFirstName("Sdk");
        profile.setLastName(lastName);
        profile.getAdditionalProperties().put("favouriteColour", "teal");
        return new CreateUserRequest().profile(profile).groupIds(groupIds)
                .credentials(new UserCredentials().password(new PasswordCredential().value("Correct-Horse-9")));
    }

    @Test
    void paginationUtilPagesThroughEveryUserExactlyOnce() throws ApiException {
        List<String> seeded = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            seeded.add(okta.seedUsers(SeedUser.of("paged" + i + "@example.com", "Paged", "User" + i)).get(0).login());
        }
        UserApi users = new UserApi(client);

        List<String> logins = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String after = null;
        do {
            List<User> page = users.listUsers(null, null, after, 3, null, null, null, null);
            page.forEach(user -> logins.add(user.getProfile().getLogin()));
            pageSizes.add(page.size());
            after = PaginationUtil.getAfter(client);
        } while (after != null && pageSizes.size() < 10);

        assertThat(pageSizes).containsExactly(3, 3, 1);
        assertThat(logins).containsExactlyElementsOf(seeded);
    }

    @Test
    void createGetDuplicateAndNotFound() throws ApiException {
        UserApi users = new UserApi(client);

        User created = users.createUser(newUser("sdk.one@example.com", "One", List.of()), true, false, null);
        UserGetSingleton byId = users.getUser(created.getId(), null, null);
        UserGetSingleton byLogin = users.getUser("SDK.one@example.com", null, null);

        assertThat(created.getStatus()).isEqualTo(UserStatus.ACTIVE);
        assertThat(created.getId()).matches("00u[A-Za-z0-9]{17}");
        assertThat(byId.getProfile().getAdditionalProperties()).containsEntry("favouriteColour", "teal");
        assertThat(byLogin.getId()).isEqualTo(created.getId());
        assertThatThrownBy(() -> users.createUser(newUser("sdk.one@example.com", "Again", List.of()), true, false, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getResponseBody()).contains("\"errorCode\":\"E0000001\"",
                            "login: An object with this field already exists in the current organization");
                });
        assertThatThrownBy(() -> users.getUser("nobody@example.com", null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getResponseBody()).contains("E0000007");
                });
    }

    @Test
    void stagedUserIsActivatedThroughTheLifecycleApi() throws ApiException {
        UserApi users = new UserApi(client);
        User staged = users.createUser(newUser("staged@example.com", "Staged", List.of()), false, false, null);

        UserActivationToken token = new UserLifecycleApi(client).activateUser(staged.getId(), false);

        assertThat(staged.getStatus()).isEqualTo(UserStatus.STAGED);
        assertThat(token.getActivationToken()).isNotBlank();
        assertThat(users.getUser(staged.getId(), null, null).getStatus()).isEqualTo(UserStatus.ACTIVE);
        assertThatThrownBy(() -> new UserLifecycleApi(client).activateUser(staged.getId(), false))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }

    @Test
    void userGroupsAndGroupMembers() throws ApiException {
        SimulatedGroup engineering = okta.addGroup("SDK Engineering", "Built by the SDK test");
        UserApi users = new UserApi(client);
        User one = users.createUser(newUser("member1@example.com", "Member", List.of(engineering.id())), true, false, null);
        User two = users.createUser(newUser("member2@example.com", "Member", List.of(engineering.id())), true, false, null);
        users.createUser(newUser("outsider@example.com", "Outsider", List.of()), true, false, null);

        List<Group> groups = new UserResourcesApi(client).listUserGroups(one.getId());
        List<User> members = new GroupApi(client).listGroupUsers(engineering.id(), null, 200);

        assertThat(groups).extracting(group -> group.getProfile().getName()).containsExactly("Everyone", "SDK Engineering");
        assertThat(groups.get(0).getType()).isEqualTo(GroupType.BUILT_IN);
        assertThat(members).extracting(User::getId).containsExactly(one.getId(), two.getId());
    }

    @Test
    void meIsTheTokensOwner() throws ApiException {
        UserGetSingleton me = new UserApi(client).getUser("me", null, null);

        assertThat(me.getId()).isEqualTo(okta.tokenOwner().id());
        assertThat(me.getStatus()).isEqualTo(UserStatus.ACTIVE);
        assertThat(me.getProfile().getLogin()).isEqualTo(okta.tokenOwner().login());
    }
}
