package dev.oktaprov.simulator;

import static dev.oktaprov.simulator.OktaHttp.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.simulator.OktaHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /__sim: what the end-to-end tests, the benchmarks and the local runner use from other processes. */
class AdminEndpointsTest {

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

    @Test
    void countersCountRequestsPerBucket429sCreatesAndFaults() {
        okta.setLimit(RateLimitBucket.USERS, 2);
        http.post("/api/v1/users", newUser("ada@example.com", "Ada", "Lovelace"));
        http.get("/api/v1/users");
        http.get("/api/v1/users");
        http.get("/api/v1/users/ada%40example.com");

        JsonNode counters = http.get("/__sim/counters").json();

        assertThat(counters.at("/requests/users").asLong()).isEqualTo(3);
        assertThat(counters.at("/requests/user-get").asLong()).isEqualTo(1);
        assertThat(counters.at("/rateLimited/users").asLong()).isEqualTo(1);
        assertThat(counters.path("tooManyRequests").asLong()).isEqualTo(1);
        assertThat(counters.path("usersCreated").asLong()).isEqualTo(1);
        assertThat(counters.path("users").asLong()).isEqualTo(1);
        assertThat(counters.at("/faults/error-503").asLong()).isZero();
    }

    @Test
    void resetEmptiesTheOrgAndTheCounters() {
        http.post("/api/v1/users", newUser("ada@example.com", "Ada", "Lovelace"));

        Answer reset = http.request("POST", "/__sim/reset").body("").send();

        assertThat(reset.status()).isEqualTo(204);
        assertThat(okta.userCount()).isZero();
        assertThat(okta.counters().totalRequests()).isZero();
    }

    @Test
    void limitsCanBeReadAndChanged() {
        Answer changed = http.request("PUT", "/__sim/limits").body("{\"users\": 5, \"USER_GET\": 7, \"concurrency\": 3}").send();

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("users").asInt()).isEqualTo(5);
        assertThat(changed.json().path("user-get").asInt()).isEqualTo(7);
        assertThat(changed.json().path("groups").asInt()).isEqualTo(500);
        assertThat(changed.json().path("concurrency").asInt()).isEqualTo(3);
        assertThat(http.get("/api/v1/users").header("X-Rate-Limit-Limit")).isEqualTo("5");
        assertThat(http.request("PUT", "/__sim/limits").body("{\"nope\": 1}").send().status()).isEqualTo(400);
    }

    @Test
    void faultsCanBeReadAndReplaced() {
        Answer put = http.request("PUT", "/__sim/faults")
                .body("{\"errorRate\": 0, \"next\": [\"503\", \"lost-answer\"], \"latencyMillis\": 0}").send();

        Answer first = http.get("/api/v1/users");
        Answer create = http.post("/api/v1/users", newUser("ada@example.com", "Ada", "Lovelace"));
        JsonNode after = http.get("/__sim/faults").json();

        assertThat(put.json().path("next").toString()).isEqualTo("[\"error-503\",\"lost-answer\"]");
        assertThat(first.status()).isEqualTo(503);
        assertThat(create.status()).isEqualTo(504);
        assertThat(okta.findByLogin("ada@example.com")).isPresent();
        assertThat(after.path("next").isEmpty()).isTrue();
        assertThat(http.request("PUT", "/__sim/faults").body("{\"errorRate\": 2}").send().status()).isEqualTo(400);
    }

    @Test
    void groupsAndUsersCanBeSeeded() {
        Answer group = http.request("POST", "/__sim/groups").body("{\"name\": \"Engineering\", \"description\": \"Builders\"}").send();
        Answer seeded = http.request("POST", "/__sim/seed").body("""
                {"users": [{"profile": {"login": "old@example.com", "email": "old@example.com",
                            "firstName": "Old", "lastName": "Timer"},
                            "status": "DEPROVISIONED", "groups": ["Engineering"],
                            "created": "2020-01-01T00:00:00.000Z"}]}
                """).send();

        assertThat(group.status()).isEqualTo(201);
        assertThat(seeded.json().path("users").asInt()).isEqualTo(1);
        SimulatedUser old = okta.findByLogin("old@example.com").orElseThrow();
        assertThat(old.status()).isEqualTo("DEPROVISIONED");
        assertThat(old.groupIds()).containsExactly(okta.everyoneGroupId(), group.json().path("id").asText());
        assertThat(http.get("/__sim/users").json().path(0).path("login").asText()).isEqualTo("old@example.com");
        assertThat(http.request("POST", "/__sim/seed").body("{\"users\": [{\"profile\": {}}]}").send().status()).isEqualTo(400);
    }

    @Test
    void unknownAdminPathListsTheEndpoints() {
        Answer answer = http.get("/__sim/nope");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("endpoints").toString()).contains("GET /__sim/counters");
    }
}
