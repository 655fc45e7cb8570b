package dev.oktaprov.simulator;

import static dev.oktaprov.simulator.OktaHttp.encode;
import static dev.oktaprov.simulator.OktaHttp.newUser;
import static dev.oktaprov.simulator.OktaHttp.newUserWithPassword;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.simulator.OktaHttp.Answer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Groups (a user's, a group's members, lookup) and POST /lifecycle/activate and /lifecycle/deactivate. */
class GroupsAndLifecycleTest {

    private static OktaSimulator okta;
    private static OktaHttp http;

    @BeforeAll
    static void start() {
        okta = OktaSimulator.start(SimulatorOptions.defaults().withToken("test-token"));
        http = new OktaHttp(okta);
    }

    @AfterAll
    static void stop() {
        okta.close();
    }

    @BeforeEach
    void fresh() {
        okta.reset();
    }

    private static List<String> names(Answer groups) {
        List<String> names = new ArrayList<>();
        groups.json().forEach(group -> names.add(group.at("/profile/name").asText()));
        return names;
    }

    private static List<String> logins(Answer users) {
        List<String> logins = new ArrayList<>();
        users.json().forEach(user -> logins.add(user.at("/profile/login").asText()));
        return logins;
    }

    @Test
    void everyoneIsABuiltInGroupEveryUserJoins() {
        Answer groups = http.get("/api/v1/groups");
        String id = http.post("/api/v1/users", newUser("ada@example.com", "Ada", "Lovelace")).json().path("id").asText();

        JsonNode everyone = groups.json().path(0);
        assertThat(everyone.path("id").asText()).matches("00g[A-Za-z0-9]{17}").isEqualTo(okta.everyoneGroupId());
        assertThat(everyone.path("type").asText()).isEqualTo("BUILT_IN");
        assertThat(everyone.at("/profile/name").asText()).isEqualTo("Everyone");
        assertThat(everyone.at("/objectClass/0").asText()).isEqualTo("okta:user_group");
        assertThat(names(http.get("/api/v1/users/" + id + "/groups"))).containsExactly("Everyone");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            q=eng                                             | Engineering;Engineering Managers
            q=ENGINEERING%20M                                 | Engineering Managers
            filter=type%20eq%20%22BUILT_IN%22                 | Everyone
            filter=profile.name%20eq%20%22Engineering%22      | Engineering
            filter=type%20eq%20%22OKTA_GROUP%22&limit=2       | Engineering;Engineering Managers
            search=profile.name%20sw%20%22engineering%20m%22  | Engineering Managers
            """)
    void groupsCanBeLookedUp(String query, String expectedNames) {
        okta.addGroup("Engineering", "Builders");
        okta.addGroup("Engineering Managers", null);
        okta.addGroup("Sales", "Sellers");

        Answer answer = http.get("/api/v1/groups?" + query);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(names(answer)).containsExactly(expectedNames.split(";"));
    }

    @Test
    void badGroupFilterIsE0000031() {
        Answer answer = http.get("/api/v1/groups?filter=" + encode("profile.name co \"x\""));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("E0000031");
    }

    @Test
    void groupByIdAndUnknownGroup() {
        SimulatedGroup sales = okta.addGroup("Sales", "Sellers");

        assertThat(http.get("/api/v1/groups/" + sales.id()).json().at("/profile/description").asText()).isEqualTo("Sellers");
        Answer missing = http.get("/api/v1/groups/00gNoSuchGroup0000000/users");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("errorSummary").asText())
                .isEqualTo("Not found: Resource not found: 00gNoSuchGroup0000000 (UserGroup)");
    }

    @Test
    void groupMembersPageInCreationOrderWithEveryStatus() {
        SimulatedGroup team = okta.addGroup("Team", null);
        okta.seedUsers(
                SeedUser.of("m1@example.com", "M", "One").withGroups("Team"),
                SeedUser.of("outsider@example.com", "Out", "Sider"),
                SeedUser.of("m2@example.com", "M", "Two").withGroups(team.id()).withStatus("DEPROVISIONED"),
                SeedUser.of("m3@example.com", "M", "Three").withGroups("Team").withStatus("STAGED"));

        Answer first = http.get("/api/v1/groups/" + team.id() + "/users?limit=2");
        Answer second = http.follow(first.link("next"));
        Answer everyone = http.get("/api/v1/groups/" + okta.everyoneGroupId() + "/users");

        assertThat(logins(first)).containsExactly("m1@example.com", "m2@example.com");
        assertThat(logins(second)).containsExactly("m3@example.com");
        assertThat(second.link("next")).isNull();
        assertThat(everyone.json().size()).isEqualTo(4);
    }

    @Test
    void aUsersGroupsPageAndUnknownUserIs404() {
        okta.addGroup("A", null);
        okta.addGroup("B", null);
        SimulatedUser user = okta.seedUsers(SeedUser.of("ada@example.com", "Ada", "Lovelace").withGroups("A", "B")).get(0);

        Answer first = http.get("/api/v1/users/" + user.id() + "/groups?limit=2");
        Answer second = http.follow(first.link("next"));
        Answer unknown = http.get("/api/v1/users/00uNoSuchUser0000000/groups");

        assertThat(names(first)).containsExactly("Everyone", "A");
        assertThat(names(second)).containsExactly("B");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("E0000007");
    }

    @Test
    void activatingAStagedUserWithoutPasswordProvisionsItAndReturnsTheLinkWhenNoEmailIsSent() {
        String id = http.post("/api/v1/users?activate=false", newUser("ada@example.com", "Ada", "Lovelace")).json().path("id").asText();

        Answer activated = http.request("POST", "/api/v1/users/" + id + "/lifecycle/activate?sendEmail=false").body("").send();
        Answer again = http.request("POST", "/api/v1/users/" + id + "/lifecycle/activate").body("").send();

        assertThat(activated.status()).isEqualTo(200);
        assertThat(activated.json().path("activationToken").asText()).isNotBlank();
        assertThat(activated.json().path("activationUrl").asText()).startsWith(okta.baseUrl() + "/welcome/");
        JsonNode user = http.get("/api/v1/users/" + id).json();
        assertThat(user.path("status").asText()).isEqualTo("PROVISIONED");
        assertThat(user.path("activated").isNull()).isFalse();
        assertThat(again.status()).isEqualTo(403);
        assertThat(again.errorCode()).isEqualTo("E0000016");
    }

    @Test
    void activatingAStagedUserWithPasswordMakesItActiveAndSendsTheEmailByDefault() {
        String id = http.post("/api/v1/users?activate=false", newUserWithPassword("ada@example.com", "Correct-Horse-9"))
                .json().path("id").asText();

        Answer activated = http.request("POST", "/api/v1/users/" + id + "/lifecycle/activate").body("").send();

        assertThat(activated.status()).isEqualTo(200);
        assertThat(activated.json().isEmpty()).isTrue();
        assertThat(okta.findById(id)).get().extracting(SimulatedUser::status).isEqualTo("ACTIVE");
    }

    @Test
    void aDeactivatedHireIsDeprovisionedAndActivatingItCountsInItsOwnBucket() {
        String id = http.post("/api/v1/users?activate=false", newUser("ada@example.com", "Ada", "Lovelace")).json().path("id").asText();

        Answer deactivated = http.request("POST", "/api/v1/users/" + id + "/lifecycle/deactivate").body("").send();
        Answer unknown = http.request("POST", "/api/v1/users/00uNOSUCHUSER/lifecycle/deactivate").body("").send();

        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(okta.findById(id)).get().extracting(SimulatedUser::status).isEqualTo("DEPROVISIONED");
        assertThat(unknown.status()).isEqualTo(404);
        http.request("POST", "/api/v1/users/" + id + "/lifecycle/activate").body("").send();
        assertThat(okta.counters().requests(RateLimitBucket.OTHER)).isEqualTo(3);
    }

    @Test
    void methodsTheSimulatorDoesNotServeAre405() {
        String id = http.post("/api/v1/users", newUser("ada@example.com", "Ada", "Lovelace")).json().path("id").asText();

        Answer delete = http.request("DELETE", "/api/v1/users/" + id).send();

        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.errorCode()).isEqualTo("E0000022");
        assertThat(okta.userCount()).isEqualTo(1);
    }

    @Test
    void postWithoutContentLengthIs411() throws Exception {
        String id = http.post("/api/v1/users?activate=false", newUser("ada@example.com", "Ada", "Lovelace")).json().path("id").asText();
        try (Socket socket = new Socket("127.0.0.1", okta.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/users/" + id + "/lifecycle/activate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: SSWS test-token\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();

            assertThat(statusLine).startsWith("HTTP/1.1 411");
        }
        assertThat(okta.findById(id)).get().extracting(SimulatedUser::status).isEqualTo("STAGED");
    }
}
