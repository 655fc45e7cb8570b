package dev.oktaprov.simulator.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The header names exactly as they leave the simulator, read off the socket: lower-case like
 * Okta's (okta-sdk-java's PaginationUtil looks up {@code link} by that exact name), and nothing
 * the server would add on its own (Server, a second Date).
 */
class WireHeaderNamesTest {

    private static final List<String> AUTH = List.of("Authorization: SSWS wire-token", "Accept: application/json");
    private static OktaSimulator okta;

    @BeforeAll
    static void start() {
        okta = OktaSimulator.start(SimulatorOptions.defaults().withToken("wire-token"));
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
    void aPageCarriesOktasLowerCaseNamesAndOneLinkHeaderPerRel() throws IOException {
        okta.seedUsers(SeedUser.of("one@example.com", "One", "User"), SeedUser.of("two@example.com", "Two", "User"));

        RawHttp.Answer page = RawHttp.exchange(okta.port(), "GET", "/api/v1/users?limit=1", AUTH, null);

        assertThat(page.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(page.names()).containsExactlyInAnyOrder("date", "content-type", "x-okta-request-id",
                "cache-control", "pragma", "x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset",
                "link", "link", "content-length", "connection");
        assertThat(page.values("link")).hasSize(2).anySatisfy(link -> assertThat(link).endsWith("rel=\"next\""));
        assertThat(page.values("content-type")).containsExactly("application/json");
        assertThat(page.values("date").get(0)).matches("[A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
    }

    @Test
    void aKeptAliveConnectionAnswersTwiceWithoutAConnectionHeader() throws IOException {
        List<RawHttp.Answer> answers = RawHttp.twoOnOneConnection(okta.port(), "/api/v1/users", AUTH);

        assertThat(answers).extracting(RawHttp.Answer::statusLine).containsExactly("HTTP/1.1 200 OK", "HTTP/1.1 200 OK");
        assertThat(answers.get(0).names()).doesNotContain("connection", "Connection", "server", "Server");
        assertThat(answers.get(1).values("x-rate-limit-remaining")).containsExactly("598");
    }

    @Test
    void errorsAnd429sUseTheSameNames() throws IOException {
        okta.setLimit(RateLimitBucket.USER_GET, 1);

        RawHttp.Answer notFound = RawHttp.exchange(okta.port(), "GET", "/api/v1/users/nobody", AUTH, null);
        RawHttp.Answer limited = RawHttp.exchange(okta.port(), "GET", "/api/v1/users/nobody", AUTH, null);
        RawHttp.Answer unauthenticated = RawHttp.exchange(okta.port(), "GET", "/api/v1/users", List.of(), null);

        List<String> errorNames = List.of("date", "content-type", "x-okta-request-id", "cache-control", "pragma",
                "x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset", "content-length", "connection");
        assertThat(notFound.statusLine()).isEqualTo("HTTP/1.1 404 Not Found");
        assertThat(notFound.names()).containsExactlyInAnyOrderElementsOf(errorNames);
        assertThat(limited.statusLine()).isEqualTo("HTTP/1.1 429 Too Many Requests");
        assertThat(limited.names()).containsExactlyInAnyOrderElementsOf(errorNames);
        assertThat(limited.values("x-rate-limit-remaining")).containsExactly("0");
        assertThat(unauthenticated.statusLine()).isEqualTo("HTTP/1.1 401 Unauthorized");
        assertThat(unauthenticated.names()).containsExactlyInAnyOrderElementsOf(errorNames);
    }

    @Test
    void createTokenEndpointAndAdminAnswersAreLowerCaseToo() throws IOException {
        RawHttp.Answer created = RawHttp.exchange(okta.port(), "POST", "/api/v1/users?activate=false",
                List.of("Authorization: SSWS wire-token", "Content-Type: application/json"),
                "{\"profile\":{\"login\":\"ada@example.com\",\"email\":\"ada@example.com\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"}}");
        RawHttp.Answer token = RawHttp.exchange(okta.port(), "POST", "/oauth2/v1/token",
                List.of("Content-Type: application/x-www-form-urlencoded"), "grant_type=client_credentials");
        RawHttp.Answer counters = RawHttp.exchange(okta.port(), "GET", "/__sim/counters", List.of(), null);

        assertThat(created.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(token.statusLine()).startsWith("HTTP/1.1 401");
        assertThat(counters.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        for (RawHttp.Answer answer : List.of(created, token, counters)) {
            assertThat(answer.names()).allSatisfy(name -> assertThat(name).isLowerCase())
                    .contains("date", "content-type", "x-okta-request-id", "content-length")
                    .doesNotContain("server");
            assertThat(answer.values("connection")).as("the client asked to close").containsExactly("close");
        }
    }
}
