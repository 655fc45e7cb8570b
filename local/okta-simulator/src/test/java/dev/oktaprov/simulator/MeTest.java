package dev.oktaprov.simulator;

import static dev.oktaprov.simulator.OktaHttp.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.simulator.OktaHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/users/me: with an API token, Okta answers the token's owner (an admin). The owner
 * is a user of the org, but not one a test put there: lists and counts leave it out.
 */
class MeTest {

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

    @Test
    void meIsTheTokensOwnerAnActiveAdminInEveryone() {
        Answer me = http.get("/api/v1/users/me");
        Answer groups = http.get("/api/v1/users/me/groups");
        Answer byId = http.get("/api/v1/users/" + me.json().path("id").asText());

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("id").asText()).isEqualTo(okta.tokenOwner().id()).matches("00u[A-Za-z0-9]{17}");
        assertThat(me.json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(me.json().at("/profile/login").asText()).isEqualTo("simulator.admin@example.com");
        assertThat(me.json().at("/_links/self/href").asText())
                .isEqualTo(okta.baseUrl() + "/api/v1/users/" + okta.tokenOwner().id());
        assertThat(groups.status()).isEqualTo(200);
        assertThat(groups.json()).extracting(group -> group.at("/profile/name").asText()).containsExactly("Everyone");
        assertThat(byId.json().path("id").asText()).isEqualTo(okta.tokenOwner().id());
        assertThat(okta.counters().requests(RateLimitBucket.USER_GET)).isEqualTo(2);
    }

    @Test
    void theOwnerIsNeitherListedNorCountedButItsLoginIsTaken() {
        Answer list = http.get("/api/v1/users");
        Answer duplicate = http.post("/api/v1/users", newUser("Simulator.Admin@example.com", "Some", "One"));

        assertThat(list.json()).isEmpty();
        assertThat(okta.userCount()).isZero();
        assertThat(okta.users()).isEmpty();
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.errorCauses())
                .containsExactly("login: An object with this field already exists in the current organization");
    }

    @Test
    void meNeedsTheToken() {
        Answer anonymous = http.request("GET", "/api/v1/users/me").withoutHeader("Authorization").violatingContract().send();

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.errorCode()).isEqualTo("E0000011");
    }
}
