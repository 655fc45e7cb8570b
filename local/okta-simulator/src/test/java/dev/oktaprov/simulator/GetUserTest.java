package dev.oktaprov.simulator;

import static dev.oktaprov.simulator.OktaHttp.encode;
import static dev.oktaprov.simulator.OktaHttp.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.simulator.OktaHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GET /api/v1/users/{id | login | short name}, pinned to API-NOTES "Get". */
class GetUserTest {

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
    void freshOrg() {
        okta.reset();
    }

    private String create(String login) {
        Answer created = http.post("/api/v1/users", newUser(login, "Isaac", "Brock"));
        assertThat(created.status()).isEqualTo(200);
        return created.json().path("id").asText();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ID", "isaac.brock%40example.com", "isaac.brock@example.com", "Isaac.Brock%40Example.COM",
            "isaac.brock", "ISAAC.BROCK"})
    void findsAUserByIdLoginOrShortName(String idOrLogin) {
        String id = create("isaac.brock@example.com");

        Answer answer = http.get("/api/v1/users/" + (idOrLogin.equals("ID") ? id : idOrLogin));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("id").asText()).isEqualTo(id);
        assertThat(answer.json().at("/_links/self/href").asText()).isEqualTo(okta.baseUrl() + "/api/v1/users/" + id);
    }

    @Test
    void unknownUserIsE0000007NamingWhatWasAskedFor() {
        Answer answer = http.get("/api/v1/users/" + encode("nobody@example.com"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.errorCode()).isEqualTo("E0000007");
        assertThat(answer.json().path("errorSummary").asText())
                .isEqualTo("Not found: Resource not found: nobody@example.com (User)");
        assertThat(answer.errorCauses()).isEmpty();
    }

    @Test
    void ambiguousShortNameFindsNobody() {
        create("isaac@example.com");
        create("isaac@example.org");

        assertThat(http.get("/api/v1/users/isaac").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/users/" + encode("isaac@example.org")).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"team/lead@example.com", "what?now@example.com", "hash#tag@example.com"})
    void loginsWithSlashQuestionMarkOrHashAreFoundOnlyThroughAFilter(String login) {
        String id = create(login);

        OktaHttp.Request getByPath = http.request("GET", "/api/v1/users/" + encode(login));
        // Okta's spec cannot even express a path with an encoded slash: the contract refuses it too.
        Answer byPath = (login.contains("/") ? getByPath.violatingContract() : getByPath).send();
        Answer byFilter = http.get("/api/v1/users?filter=" + encode("profile.login eq \"" + login + "\""));

        assertThat(byPath.status()).isEqualTo(404);
        assertThat(byPath.errorCode()).isEqualTo("E0000007");
        assertThat(byFilter.status()).isEqualTo(200);
        assertThat(byFilter.json().size()).isEqualTo(1);
        assertThat(byFilter.json().path(0).path("id").asText()).isEqualTo(id);
        assertThat(http.get("/api/v1/users/" + id).status()).as("by id it is fine").isEqualTo(200);
    }

    @Test
    void plusInALoginIsAPlusWhetherEncodedOrNot() {
        String id = create("ada+test@example.com");

        assertThat(http.get("/api/v1/users/ada%2Btest%40example.com").json().path("id").asText()).isEqualTo(id);
        assertThat(http.get("/api/v1/users/ada+test@example.com").json().path("id").asText()).isEqualTo(id);
    }

    @Test
    void deprovisionedUsersCanStillBeReadById() {
        SimulatedUser gone = okta.seedUsers(SeedUser.of("gone@example.com", "Gone", "Away").withStatus("DEPROVISIONED")).get(0);

        Answer answer = http.get("/api/v1/users/" + gone.id());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("status").asText()).isEqualTo("DEPROVISIONED");
        assertThat(answer.json().at("/_links/activate/href").asText()).endsWith("/lifecycle/activate");
    }
}
