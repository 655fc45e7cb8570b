package dev.oktaprov.simulator.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.simulator.oauth.IssuedToken;
import dev.oktaprov.simulator.security.TestServiceApp.Parts;
import dev.oktaprov.testsupport.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /oauth2/v1/token for a service app that requires DPoP: the handshake, and every proof it refuses. */
class DpopTokenEndpointTest {

    private static final TestServiceApp APP = TestServiceApp.rsa("0oaDPOP");
    private static final TestServiceApp PLAIN_APP = TestServiceApp.ec("0oaPLAIN");
    private static final TestServiceApp EC_KEY = TestServiceApp.ec("dpop-ec");
    private static final TestServiceApp RSA_KEY = TestServiceApp.rsa("dpop-rsa");
    private static final TestServiceApp OTHER_KEY = TestServiceApp.ec("dpop-other");

    private final MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");
    private OktaSimulator okta;
    private TokenEndpoint endpoint;
    private DpopClient client;

    @BeforeEach
    void start() {
        okta = OktaSimulator.start(SimulatorOptions.defaults().withClock(clock));
        okta.oauth().register(APP.clientId, APP.keys.getPublic(), APP.keyId, List.of(DpopClient.SCOPES.split(" ")));
        okta.oauth().requireDpop(APP.clientId);
        okta.oauth().register(PLAIN_APP.clientId, PLAIN_APP.keys.getPublic(), PLAIN_APP.keyId, List.of(DpopClient.SCOPES.split(" ")));
        endpoint = new TokenEndpoint(okta.baseUrl());
        client = new DpopClient(APP, EC_KEY, endpoint, clock);
    }

    @AfterEach
    void stop() {
        okta.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ES256", "RS256"})
    void theThreeStepsEndInADpopTokenBoundToTheProofsKey(String algorithm) {
        DpopClient dpop = new DpopClient(APP, algorithm.equals("ES256") ? EC_KEY : RSA_KEY, endpoint, clock);

        TokenEndpoint.Answer noProof = dpop.tokenRequest(null);
        TokenEndpoint.Answer noNonce = dpop.tokenRequest(dpop.tokenProof(null, parts -> { }));
        String nonce = noNonce.header("DPoP-Nonce");
        TokenEndpoint.Answer granted = dpop.tokenRequest(dpop.tokenProof(nonce, parts -> { }));

        assertThat(noProof.status()).isEqualTo(400);
        assertThat(noProof.error()).isEqualTo("invalid_dpop_proof");
        assertThat(noProof.header("DPoP-Nonce")).isNull();
        assertThat(noNonce.status()).isEqualTo(400);
        assertThat(noNonce.error()).isEqualTo("use_dpop_nonce");
        assertThat(noNonce.json().path("error_description").asText()).isEqualTo("Authorization server requires nonce in DPoP proof.");
        assertThat(nonce).isNotBlank();
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        JsonNode token = granted.json();
        assertThat(token.path("token_type").asText()).isEqualTo("DPoP");
        assertThat(token.path("expires_in").asInt()).isEqualTo(3600);
        assertThat(token.path("scope").asText()).isEqualTo(DpopClient.SCOPES);
        assertThat(okta.oauth().activeTokens()).extracting(IssuedToken::jkt).containsExactly(dpop.thumbprint());
    }

    @Test
    void aClientThatDoesNotRequireDpopGetsABearerTokenAtOnceProofOrNot() {
        DpopClient plain = new DpopClient(PLAIN_APP, EC_KEY, endpoint, clock);

        TokenEndpoint.Answer withoutProof = plain.tokenRequest(null);
        TokenEndpoint.Answer withProof = plain.tokenRequest(plain.tokenProof(null, parts -> { }));

        assertThat(withoutProof.status()).isEqualTo(200);
        assertThat(withoutProof.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(withProof.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(okta.oauth().activeTokens()).extracting(IssuedToken::dpopBound).containsExactly(false, false);
    }

    @Test
    void anExpiredNonceIsAnsweredWithAFreshOneThatWorks() {
        String nonce = client.nonce();
        clock.advance(Duration.ofHours(24).plusSeconds(1));

        TokenEndpoint.Answer expired = client.tokenRequest(client.tokenProof(nonce, parts -> { }));
        String fresh = expired.header("DPoP-Nonce");
        TokenEndpoint.Answer granted = client.tokenRequest(client.tokenProof(fresh, parts -> { }));

        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.error()).isEqualTo("use_dpop_nonce");
        assertThat(fresh).isNotBlank().isNotEqualTo(nonce);
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
    }

    @Test
    void aNonceStillWorksJustBeforeItExpires() {
        String nonce = client.nonce();
        clock.advance(Duration.ofHours(24).minusSeconds(1));

        assertThat(client.tokenRequest(client.tokenProof(nonce, parts -> { })).status()).isEqualTo(200);
    }

    @Test
    void aReplayedProofIsRefused() {
        String proof = client.tokenProof(client.nonce(), parts -> { });

        TokenEndpoint.Answer first = client.tokenRequest(proof);
        TokenEndpoint.Answer again = client.tokenRequest(proof);

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.error()).isEqualTo("invalid_dpop_proof");
        assertThat(again.json().path("error_description").asText()).contains("jti");
        assertThat(okta.oauth().tokensIssued()).isEqualTo(1);
    }

    static Stream<Arguments> refusedProofs() {
        return Stream.of(
                Arguments.of("typ JWT", (Consumer<Parts>) parts -> parts.header.put("typ", "JWT"), "typ"),
                Arguments.of("alg none", (Consumer<Parts>) parts -> {
                    parts.header.put("alg", "none");
                    parts.signer = (key, input) -> new byte[0];
                }, "alg"),
                Arguments.of("alg HS256", (Consumer<Parts>) parts -> {
                    parts.header.put("alg", "HS256");
                    parts.signer = (key, input) -> new byte[32];
                }, "alg"),
                Arguments.of("alg of the other key type", (Consumer<Parts>) parts -> parts.header.put("alg", "RS256"), "jwk"),
                Arguments.of("no jwk", (Consumer<Parts>) parts -> parts.header.remove("jwk"), "jwk"),
                Arguments.of("jwk with its private part", (Consumer<Parts>) parts ->
                        parts.header.withObject("/jwk").put("d", "c2VjcmV0"), "private"),
                Arguments.of("signed by another key", (Consumer<Parts>) parts ->
                        parts.signer = (key, input) -> OTHER_KEY.joseSignature(input), "signature"),
                Arguments.of("htm GET", (Consumer<Parts>) parts -> parts.claims.put("htm", "GET"), "htm"),
                Arguments.of("htu of another endpoint", (Consumer<Parts>) parts -> parts.claims.put("htu",
                        parts.claims.path("htu").asText().replace("/v1/token", "/v1/introspect")), "htu"),
                Arguments.of("iat six minutes old", (Consumer<Parts>) parts ->
                        parts.claims.put("iat", parts.claims.path("iat").asLong() - 360), "iat"),
                Arguments.of("iat six minutes ahead", (Consumer<Parts>) parts ->
                        parts.claims.put("iat", parts.claims.path("iat").asLong() + 360), "iat"),
                Arguments.of("no jti", (Consumer<Parts>) parts -> parts.claims.remove("jti"), "jti"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedProofs")
    void aProofThatDoesNotPassIsInvalidDpopProof(String name, Consumer<Parts> edit, String reason) {
        String proof = client.tokenProof(client.nonce(), edit);

        TokenEndpoint.Answer answer = client.tokenRequest(proof);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("invalid_dpop_proof");
        assertThat(answer.json().path("error_description").asText()).contains(reason);
        assertThat(answer.body()).doesNotContain(proof.split("\\.", -1)[1]);
        assertThat(okta.oauth().tokensIssued()).isZero();
    }

    @Test
    void aNonceTheServerNeverGaveIsAnsweredWithOneItDid() {
        TokenEndpoint.Answer answer = client.tokenRequest(client.tokenProof("made-up-nonce", parts -> { }));

        assertThat(answer.error()).isEqualTo("use_dpop_nonce");
        assertThat(answer.header("DPoP-Nonce")).isNotBlank().isNotEqualTo("made-up-nonce");
        assertThat(okta.oauth().tokensIssued()).isZero();
    }
}
