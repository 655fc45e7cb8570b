package dev.oktaprov.simulator.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.simulator.security.TestServiceApp.Parts;
import dev.oktaprov.testsupport.MutableClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** /api with a DPoP-bound token: {@code Authorization: DPoP} and a proof of the bound key, or 401 with a DPoP challenge. */
class DpopApiTest {

    private static final TestServiceApp APP = TestServiceApp.ec("0oaDPOPAPI");
    private static final TestServiceApp PLAIN_APP = TestServiceApp.rsa("0oaBEARER");
    private static final TestServiceApp DPOP_KEY = TestServiceApp.ec("dpop-key");
    private static final TestServiceApp OTHER_KEY = TestServiceApp.ec("dpop-other");
    private static final String NEW_USER = "{\"profile\":{\"firstName\":\"Dee\",\"lastName\":\"Pop\","
            + "\"email\":\"dee.pop@example.com\",\"login\":\"dee.pop@example.com\"}}";

    private final MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");
    private OktaSimulator okta;
    private TokenEndpoint endpoint;
    private DpopClient client;
    private String token;
    private String usersUrl;

    @BeforeEach
    void start() {
        okta = OktaSimulator.start(SimulatorOptions.defaults().withClock(clock));
        okta.seedUsers(SeedUser.of("sam+test@example.com", "Sam", "Test"));
        okta.oauth().register(APP.clientId, APP.keys.getPublic(), APP.keyId, List.of(DpopClient.SCOPES.split(" ")));
        okta.oauth().requireDpop(APP.clientId);
        okta.oauth().register(PLAIN_APP.clientId, PLAIN_APP.keys.getPublic(), PLAIN_APP.keyId, List.of(DpopClient.SCOPES.split(" ")));
        endpoint = new TokenEndpoint(okta.baseUrl());
        client = new DpopClient(APP, DPOP_KEY, endpoint, clock);
        token = client.accessToken();
        usersUrl = okta.baseUrl() + "/api/v1/users";
    }

    @AfterEach
    void stop() {
        okta.close();
    }

    @Test
    void aProofOfTheBoundKeyCreatesAndListsUsers() {
        TokenEndpoint.Answer created = client.api("POST", "/api/v1/users?activate=false", token,
                client.apiProof("POST", usersUrl, token, parts -> { }), NEW_USER);
        TokenEndpoint.Answer listed = client.api("GET", "/api/v1/users?limit=10", token,
                client.apiProof("GET", usersUrl, token, parts -> { }), null);

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(okta.userCount()).isEqualTo(2);
        assertThat(okta.findByLogin("dee.pop@example.com")).hasValueSatisfying(
                user -> assertThat(user.profile()).containsEntry("lastName", "Pop"));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json()).hasSize(2);
    }

    @Test
    void htuMatchesWhetherThePathIsSentDecodedAsTheSdkDoesOrEncoded() {
        String encodedPath = "/api/v1/users/sam%2Btest%40example.com";

        TokenEndpoint.Answer decodedHtu = client.api("GET", encodedPath, token,
                client.apiProof("GET", usersUrl + "/sam+test@example.com", token, parts -> { }), null);
        TokenEndpoint.Answer encodedHtu = client.api("GET", encodedPath, token,
                client.apiProof("GET", okta.baseUrl() + encodedPath, token, parts -> { }), null);

        assertThat(decodedHtu.status()).as(decodedHtu.body()).isEqualTo(200);
        assertThat(encodedHtu.status()).as(encodedHtu.body()).isEqualTo(200);
        assertThat(encodedHtu.json().path("profile").path("login").asText()).isEqualTo("sam+test@example.com");
    }

    @Test
    void aReplayedProofIsRefused() {
        String proof = client.apiProof("GET", usersUrl, token, parts -> { });

        TokenEndpoint.Answer first = client.api("GET", "/api/v1/users", token, proof, null);
        TokenEndpoint.Answer again = client.api("GET", "/api/v1/users", token, proof, null);

        assertThat(first.status()).isEqualTo(200);
        assertRefused(again, "invalid_dpop_proof", proof);
    }

    static Stream<Arguments> refusedProofs() {
        return Stream.of(
                Arguments.of("wrong ath", (Consumer<Parts>) parts -> parts.claims.put("ath", DpopClient.ath("another-token"))),
                Arguments.of("no ath", (Consumer<Parts>) parts -> parts.claims.remove("ath")),
                Arguments.of("wrong htu", (Consumer<Parts>) parts -> parts.claims.put("htu", parts.claims.path("htu").asText() + "/me")),
                Arguments.of("htu of another host", (Consumer<Parts>) parts -> parts.claims.put("htu",
                        parts.claims.path("htu").asText().replace("127.0.0.1", "acme.okta.com"))),
                Arguments.of("wrong htm", (Consumer<Parts>) parts -> parts.claims.put("htm", "POST")),
                Arguments.of("iat six minutes old", (Consumer<Parts>) parts ->
                        parts.claims.put("iat", parts.claims.path("iat").asLong() - 360)),
                Arguments.of("signature of another key", (Consumer<Parts>) parts ->
                        parts.signer = (key, input) -> OTHER_KEY.joseSignature(input)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedProofs")
    void aProofThatDoesNotFitTheRequestIs401InvalidDpopProof(String name, Consumer<Parts> edit) {
        String proof = client.apiProof("GET", usersUrl, token, edit);

        assertRefused(client.api("GET", "/api/v1/users", token, proof, null), "invalid_dpop_proof", proof);
    }

    @Test
    void aValidProofOfAnotherKeyIs401InvalidToken() {
        DpopClient thief = new DpopClient(APP, OTHER_KEY, endpoint, clock);
        String proof = thief.apiProof("GET", usersUrl, token, parts -> { });

        assertRefused(client.api("GET", "/api/v1/users", token, proof, null), "invalid_token", proof);
    }

    @Test
    void theBoundTokenAsBearerIsRefusedAndCreatesNoUser() {
        TokenEndpoint.Answer answer = endpoint.api("POST", "/api/v1/users?activate=false", "Bearer " + token, NEW_USER);

        assertRefused(answer, "invalid_dpop_proof", null);
        assertThat(okta.userCount()).isEqualTo(1);
    }

    @Test
    void noProofOrTwoProofsAreRefused() {
        TokenEndpoint.Answer none = endpoint.api("GET", "/api/v1/users", "DPoP " + token, null, Map.of());
        TokenEndpoint.Answer two = TokenEndpoint.send(HttpRequest.newBuilder(URI.create(usersUrl))
                .header("Authorization", "DPoP " + token)
                .header("DPoP", client.apiProof("GET", usersUrl, token, parts -> { }))
                .header("DPoP", client.apiProof("GET", usersUrl, token, parts -> { })));

        assertRefused(none, "invalid_dpop_proof", null);
        assertRefused(two, "invalid_dpop_proof", null);
    }

    @Test
    void aBearerTokenOfAClientWithoutDpopWorksAsBeforeButNotUnderTheDpopScheme() {
        DpopClient plain = new DpopClient(PLAIN_APP, DPOP_KEY, endpoint, clock);
        String bearer = plain.tokenRequest(null).json().path("access_token").asText();

        TokenEndpoint.Answer asBearer = endpoint.api("GET", "/api/v1/users", "Bearer " + bearer, null);
        TokenEndpoint.Answer asDpop = plain.api("GET", "/api/v1/users", bearer, plain.apiProof("GET", usersUrl, bearer, parts -> { }), null);

        assertThat(asBearer.status()).isEqualTo(200);
        assertThat(asBearer.header("WWW-Authenticate")).isNull();
        assertRefused(asDpop, "invalid_token", null);
    }

    @Test
    void anExpiredBoundTokenIs401E0000011() {
        clock.advance(Duration.ofHours(1));

        TokenEndpoint.Answer answer = client.api("GET", "/api/v1/users", token, client.apiProof("GET", usersUrl, token, parts -> { }), null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().path("errorCode").asText()).isEqualTo("E0000011");
    }

    private void assertRefused(TokenEndpoint.Answer answer, String error, String proof) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("DPoP error=\"" + error + "\"");
        assertThat(answer.json().path("errorCode").asText()).isEqualTo("E0000011");
        assertThat(answer.json().path("errorSummary").asText()).isEqualTo("Invalid token provided");
        assertThat(answer.body()).doesNotContain(token);
        if (proof != null) {
            assertThat(answer.body()).doesNotContain(proof.split("\\.", -1)[1]);
        }
    }
}
