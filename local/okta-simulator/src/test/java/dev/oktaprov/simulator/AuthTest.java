package dev.oktaprov.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.simulator.OktaHttp.Answer;
import dev.oktaprov.simulator.auth.AuthDecision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Authorization: SSWS <token>, and 401 E0000011 otherwise. */
class AuthTest {

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

    @ParameterizedTest(name = "Authorization: {0}")
    @ValueSource(strings = {"(none)", "SSWS wrong-token", "SSWS ", "Bearer test-token", "test-token", "SSWS test-token-and-more"})
    void anythingButTheTokenIs401E0000011(String authorization) {
        OktaHttp.Request request = http.request("GET", "/api/v1/users");
        request = authorization.equals("(none)") ? request.withoutHeader("Authorization") : request.header("Authorization", authorization);
        boolean noKnownScheme = authorization.equals("(none)") || !authorization.contains(" ");

        Answer answer = (noKnownScheme ? request.violatingContract() : request).send();

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.errorCode()).isEqualTo("E0000011");
        assertThat(answer.json().path("errorSummary").asText()).isEqualTo("Invalid token provided");
        assertThat(answer.body()).doesNotContain("test-token");
    }

    @Test
    void schemeIsCaseInsensitive() {
        // RFC 7235 schemes are case-insensitive; the contract only spells it "SSWS".
        assertThat(http.request("GET", "/api/v1/users").header("Authorization", "ssws test-token").violatingContract()
                .send().status()).isEqualTo(200);
    }

    @Test
    void adminSurfaceNeedsNoToken() {
        Answer answer = http.request("GET", "/__sim/counters").withoutHeader("Authorization").send();

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void authenticationIsPluggable() {
        try (OktaSimulator bearer = OktaSimulator.start(SimulatorOptions.defaults().withAuthenticator(
                (method, path, authorization) -> "Bearer access-token".equals(authorization)
                        ? AuthDecision.allowed("service-app")
                        : AuthDecision.invalidToken()))) {
            OktaHttp bearerHttp = new OktaHttp(bearer);

            Answer accepted = bearerHttp.request("GET", "/api/v1/users").header("Authorization", "Bearer access-token").send();
            Answer refused = bearerHttp.request("GET", "/api/v1/users").header("Authorization", "Bearer expired").send();

            assertThat(accepted.status()).isEqualTo(200);
            assertThat(refused.status()).isEqualTo(401);
        }
    }

    @Test
    void optionsNeverPrintTheToken() {
        assertThat(okta.options().toString()).doesNotContain("test-token");
    }
}
