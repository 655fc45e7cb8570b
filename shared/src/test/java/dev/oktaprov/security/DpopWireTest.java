package dev.oktaprov.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.oktaprov.credentials.OAuthCredentialSource;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.credentials.ServiceAppCredentials;
import dev.oktaprov.credentials.SigningKey;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.okta.OktaClientSettings;
import dev.oktaprov.okta.OktaListener;
import dev.oktaprov.testing.OktaBodies;
import dev.oktaprov.testsupport.LeakWatch;
import dev.oktaprov.testsupport.MutableClock;
import dev.oktaprov.testsupport.TestKeys;
import dev.oktaprov.time.Deadline;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A DPoP-bound service app (Okta's default for new API Services apps), pinned with WireMock: the token
 * endpoint's three-request handshake, each API request's {@code Authorization: DPoP} and proof, the
 * bounds of every retry, and what is kept for the execution environment's life.
 */
class DpopWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN_PATH = "/oauth2/v1/token";
    private static final String HANDSHAKE = "handshake";
    private static final String INVALID_PROOF = "{\"error\":\"invalid_dpop_proof\",\"error_description\":\"The DPoP proof JWT header is missing.\"}";
    private static final String USE_NONCE = "{\"error\":\"use_dpop_nonce\",\"error_description\":\"Authorization server requires nonce in DPoP proof.\"}";

    /** Runs as each answer goes out: how a test lets its clock move while Okta answers. */
    private static volatile Runnable onAnswer = () -> { };

    /** Reset before each test by the extension. */
    @RegisterExtension
    static final WireMockExtension okta = WireMockExtension.newInstance().options(options().bindAddress("127.0.0.1")
            .dynamicPort().globalTemplating(true).extensions(new ServeEventListener() {
                @Override
                public String getName() {
                    return "answer-hook";
                }

                @Override
                public void beforeResponseSent(ServeEvent event, Parameters parameters) {
                    onAnswer.run();
                }
            })).build();

    private final MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");

    private OAuthCredentialSource source() {
        ServiceAppCredentials app = new ServiceAppCredentials("0oaDPOP", SigningKey.fromPem(TestKeys.privatePem(TestKeys.rsa())), "key-1");
        return new OAuthCredentialSource(URI.create("http://127.0.0.1:" + okta.getPort()), app, OAuthScopes.READ_USERS,
                OktaClient.defaultHttpClient(Duration.ofSeconds(2)), clock, Duration.ofSeconds(5));
    }

    private OktaClient client(OAuthCredentialSource source) {
        return new OktaClient(OktaClientSettings.defaults(URI.create("http://127.0.0.1:" + okta.getPort())), source,
                OktaClient.defaultHttpClient(Duration.ofSeconds(2)), clock, clock::advance, new SplittableRandom(7), OktaListener.NONE);
    }

    private static ResponseDefinitionBuilder tokenError(String body) {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** A request without a proof is refused with invalid_dpop_proof; the next one gets {@code answer}, then state "bound". */
    private static void proofThen(ResponseDefinitionBuilder answer) {
        okta.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario(HANDSHAKE).whenScenarioStateIs(STARTED)
                .willReturn(tokenError(INVALID_PROOF)).willSetStateTo("proof"));
        okta.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario(HANDSHAKE).whenScenarioStateIs("proof")
                .willReturn(answer).willSetStateTo("bound"));
    }

    /** Okta's answers to a DPoP-bound app: no proof, then no nonce, then a DPoP token (a new one each time). */
    private static void dpopApp(String nonce) {
        proofThen(tokenError(USE_NONCE).withHeader("DPoP-Nonce", nonce));
        okta.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario(HANDSHAKE).whenScenarioStateIs("bound")
                .willReturn(okJson("{\"token_type\":\"DPoP\",\"expires_in\":3600,\"scope\":\"okta.users.read okta.groups.read\","
                        + "\"access_token\":\"eyJkcG9wIjoidG9rZW4ifQ.{{randomValue length=24 type='ALPHANUMERIC'}}\"}")));
        okta.stubFor(get(urlPathMatching("/api/v1/users/.*")).willReturn(okJson(OktaBodies.user("00u1", "a+b@x.com"))));
    }

    private static List<LoggedRequest> requests(String pathPrefix) {
        List<LoggedRequest> requests = new ArrayList<>();
        List<ServeEvent> events = okta.getAllServeEvents();
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).getRequest().getUrl().startsWith(pathPrefix)) {
                requests.add(events.get(i).getRequest());
            }
        }
        return requests;
    }

    private static JsonNode part(String jws, int index) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jws.split("\\.")[index]));
    }

    /** The proof's claims, after checking its header and its signature by the key the header names. */
    private static JsonNode verifiedClaims(String proof) throws Exception {
        JsonNode header = part(proof, 0);
        assertThat(header.path("typ").asText()).isEqualTo("dpop+jwt");
        assertThat(header.path("alg").asText()).isEqualTo("ES256");
        JsonNode jwk = header.path("jwk");
        List<String> members = new ArrayList<>();
        jwk.fieldNames().forEachRemaining(members::add);
        assertThat(members).as("a public JWK only").containsExactlyInAnyOrder("kty", "crv", "x", "y");
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(publicKey(jwk));
        verifier.update(proof.substring(0, proof.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(proof.substring(proof.lastIndexOf('.') + 1))))
                .as("signed by the key in its header").isTrue();
        return part(proof, 1);
    }

    private static PublicKey publicKey(JsonNode jwk) throws Exception {
        assertThat(jwk.path("kty").asText() + " " + jwk.path("crv").asText()).isEqualTo("EC P-256");
        AlgorithmParameters p256 = AlgorithmParameters.getInstance("EC");
        p256.init(new ECGenParameterSpec("secp256r1"));
        byte[] x = Base64.getUrlDecoder().decode(jwk.path("x").asText());
        byte[] y = Base64.getUrlDecoder().decode(jwk.path("y").asText());
        assertThat(x).hasSize(32);
        assertThat(y).hasSize(32);
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                new ECPoint(new BigInteger(1, x), new BigInteger(1, y)), p256.getParameterSpec(ECParameterSpec.class)));
    }

    private static String ath(String token) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    @Test
    void theHandshakeIsThreeTokenRequestsAndEveryApiRequestCarriesItsOwnProof() throws Exception {
        dpopApp("nonce-1");
        OktaClient client = client(source());

        client.getUser("a+b@x.com", Deadline.none());
        clock.advance(Duration.ofSeconds(7));
        client.getUser("a+b@x.com", Deadline.none());

        List<LoggedRequest> token = requests(TOKEN_PATH);
        assertThat(token).hasSize(3);
        assertThat(token.get(0).containsHeader("DPoP")).as("first: as for any app, no proof").isFalse();
        String tokenUri = "http://127.0.0.1:" + okta.getPort() + TOKEN_PATH;
        JsonNode withoutNonce = verifiedClaims(token.get(1).getHeader("DPoP"));
        JsonNode withNonce = verifiedClaims(token.get(2).getHeader("DPoP"));
        for (JsonNode claims : List.of(withoutNonce, withNonce)) {
            assertThat(claims.path("htm").asText()).isEqualTo("POST");
            assertThat(claims.path("htu").asText()).isEqualTo(tokenUri);
            assertThat(claims.path("iat").asLong()).isEqualTo(clock.instant().getEpochSecond() - 7);
            assertThat(claims.has("ath")).isFalse();
        }
        assertThat(withoutNonce.has("nonce")).isFalse();
        assertThat(withNonce.path("nonce").asText()).isEqualTo("nonce-1");
        for (LoggedRequest request : token) {
            assertThat(request.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
            assertThat(request.getBodyAsString()).contains("client_assertion=").doesNotContain("DPoP", "dpop");
        }

        List<LoggedRequest> api = requests("/api/v1/users/");
        assertThat(api).hasSize(2);
        List<String> jtis = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            LoggedRequest request = api.get(i);
            assertThat(request.getUrl()).isEqualTo("/api/v1/users/a%2Bb%40x.com");
            String authorization = request.getHeader("Authorization");
            assertThat(authorization).startsWith("DPoP eyJkcG9wIjoidG9rZW4ifQ.");
            JsonNode claims = verifiedClaims(request.getHeader("DPoP"));
            assertThat(claims.path("htm").asText()).isEqualTo("GET");
            assertThat(claims.path("htu").asText()).as("as Okta's SDK sends it: decoded, no query")
                    .isEqualTo("http://127.0.0.1:" + okta.getPort() + "/api/v1/users/a+b@x.com");
            assertThat(claims.path("ath").asText()).isEqualTo(ath(authorization.substring("DPoP ".length())));
            assertThat(claims.path("iat").asLong()).isEqualTo(clock.instant().getEpochSecond() - (i == 0 ? 7 : 0));
            assertThat(claims.has("nonce")).isFalse();
            assertThat(part(request.getHeader("DPoP"), 0).path("jwk")).as("the key the token is bound to")
                    .isEqualTo(part(token.get(2).getHeader("DPoP"), 0).path("jwk"));
            jtis.add(claims.path("jti").asText());
        }
        jtis.add(withoutNonce.path("jti").asText());
        jtis.add(withNonce.path("jti").asText());
        assertThat(jtis).doesNotHaveDuplicates().allSatisfy(jti -> assertThat(jti).isNotBlank());
    }

    @Test
    void aLaterTokenFetchStartsWithTheKeptKeyAndNonce() throws Exception {
        dpopApp("nonce-1");
        OAuthCredentialSource source = source();
        String first = source.authorizationHeader(Deadline.none());

        source.invalidate(first);
        String second = source.authorizationHeader(Deadline.none());

        assertThat(second).startsWith("DPoP ").isNotEqualTo(first);
        List<LoggedRequest> token = requests(TOKEN_PATH);
        assertThat(token).as("the handshake, then one request").hasSize(4);
        assertThat(verifiedClaims(token.get(3).getHeader("DPoP")).path("nonce").asText()).isEqualTo("nonce-1");
        assertThat(part(token.get(3).getHeader("DPoP"), 0).path("jwk")).isEqualTo(part(token.get(1).getHeader("DPoP"), 0).path("jwk"));
    }

    @Test
    void aLaterUseDpopNonceRefreshesTheNonceAndAsksOnceMore() throws Exception {
        dpopApp("nonce-1");
        OAuthCredentialSource source = source();
        String first = source.authorizationHeader(Deadline.none());
        // The nonce expired: Okta asks once for the new one, then issues.
        okta.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario(HANDSHAKE).whenScenarioStateIs("bound")
                .willReturn(tokenError(USE_NONCE).withHeader("DPoP-Nonce", "nonce-2")).willSetStateTo("renewed"));
        okta.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario(HANDSHAKE).whenScenarioStateIs("renewed")
                .willReturn(okJson("{\"token_type\":\"DPoP\",\"expires_in\":3600,\"access_token\":\"at-renewed\"}")));

        source.invalidate(first);

        assertThat(source.authorizationHeader(Deadline.none())).isEqualTo("DPoP at-renewed");
        List<LoggedRequest> token = requests(TOKEN_PATH);
        assertThat(token).hasSize(5);
        assertThat(verifiedClaims(token.get(3).getHeader("DPoP")).path("nonce").asText()).isEqualTo("nonce-1");
        assertThat(verifiedClaims(token.get(4).getHeader("DPoP")).path("nonce").asText()).isEqualTo("nonce-2");
    }

    @Test
    void invalidateAfterARestoreDropsTheKeyAndTheNonce() throws Exception {
        dpopApp("nonce-1");
        OAuthCredentialSource source = source();
        source.authorizationHeader(Deadline.none());
        okta.setScenarioState(HANDSHAKE, STARTED);

        source.invalidate();
        source.authorizationHeader(Deadline.none());

        List<LoggedRequest> token = requests(TOKEN_PATH);
        assertThat(token).as("a whole handshake again").hasSize(6);
        assertThat(token.get(3).containsHeader("DPoP")).isFalse();
        assertThat(part(token.get(4).getHeader("DPoP"), 0).path("jwk")).as("a new key")
                .isNotEqualTo(part(token.get(1).getHeader("DPoP"), 0).path("jwk"));
    }

    @Test
    void aRefusedDpopTokenIsFetchedAgainOnceLikeABearerToken() throws Exception {
        dpopApp("nonce-1");
        okta.stubFor(get(urlPathMatching("/api/v1/users/.*")).inScenario("api").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "DPoP error=\"invalid_token\"")
                        .withHeader("Content-Type", "application/json")
                        .withBody(OktaBodies.error("E0000011", "Invalid token provided"))).willSetStateTo("fixed"));
        okta.stubFor(get(urlPathMatching("/api/v1/users/.*")).inScenario("api").whenScenarioStateIs("fixed")
                .willReturn(okJson(OktaBodies.user("00u1", "a+b@x.com"))));

        client(source()).getUser("00u1", Deadline.none());

        List<LoggedRequest> api = requests("/api/v1/users/");
        assertThat(api).hasSize(2);
        assertThat(api.get(1).getHeader("Authorization")).startsWith("DPoP ").isNotEqualTo(api.get(0).getHeader("Authorization"));
        assertThat(verifiedClaims(api.get(1).getHeader("DPoP")).path("ath").asText())
                .isEqualTo(ath(api.get(1).getHeader("Authorization").substring("DPoP ".length())));
        assertThat(requests(TOKEN_PATH)).as("the handshake, then one request with the kept nonce").hasSize(4);
    }

    @Test
    void aSecondInvalidDpopProofIsAConfigurationErrorAfterTwoRequests() {
        okta.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(tokenError(INVALID_PROOF)));

        Throwable e = catchThrowable(() -> source().authorizationHeader(Deadline.none()));

        assertThat(e).isInstanceOf(ConfigurationException.class)
                .hasMessage("Okta's token endpoint refused the service app's DPoP proof (invalid_dpop_proof:"
                        + " The DPoP proof JWT header is missing.)");
        assertThat(requests(TOKEN_PATH)).hasSize(2);
    }

    @Test
    void useDpopNonceWithoutANonceIsAConfigurationError() {
        proofThen(tokenError(USE_NONCE));

        Throwable e = catchThrowable(() -> source().authorizationHeader(Deadline.none()));

        assertThat(e).isInstanceOf(ConfigurationException.class)
                .hasMessage("Okta's token endpoint asked for a DPoP nonce (use_dpop_nonce) but sent none");
        assertThat(requests(TOKEN_PATH)).hasSize(2);
    }

    @Test
    void aNonceRefusedAgainIsAConfigurationErrorAfterThreeRequests() {
        proofThen(tokenError(USE_NONCE).withHeader("DPoP-Nonce", "nonce-1"));
        okta.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario(HANDSHAKE).whenScenarioStateIs("bound")
                .willReturn(tokenError(USE_NONCE).withHeader("DPoP-Nonce", "nonce-2")));

        Throwable e = catchThrowable(() -> source().authorizationHeader(Deadline.none()));

        assertThat(e).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Okta's token endpoint refused the service app's DPoP proof (use_dpop_nonce");
        assertThat(requests(TOKEN_PATH)).hasSize(3);
    }

    @Test
    void theHandshakeKeepsToTheCallersDeadline() {
        dpopApp("nonce-1");
        // Each answer takes a second of the caller's two.
        onAnswer = () -> clock.advance(Duration.ofSeconds(1));

        Throwable e;
        try {
            e = catchThrowable(() -> source().authorizationHeader(Deadline.after(Duration.ofSeconds(2), clock)));
        } finally {
            onAnswer = () -> { };
        }

        assertThat(e).hasMessageContaining("No time left before the deadline");
        assertThat(requests(TOKEN_PATH)).hasSize(2);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void parallelWorkersOnADpopAppCauseOneHandshake() throws Exception {
        dpopApp("nonce-1");
        OktaClient client = client(source());
        int workers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                calls.add(pool.submit(() -> client.getUser("00u1", Deadline.none())));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(requests(TOKEN_PATH)).as("one handshake").hasSize(3);
        List<LoggedRequest> api = requests("/api/v1/users/");
        assertThat(api).hasSize(workers);
        assertThat(api).extracting(r -> r.getHeader("Authorization")).containsOnly(api.get(0).getHeader("Authorization"));
        assertThat(api).extracting(r -> r.getHeader("DPoP")).doesNotHaveDuplicates();
    }

    @Test
    void aDpopAccessTokenWithACharacterATokenCannotHoldIsRefusedWithoutQuotingItOrSendingIt() throws Exception {
        dpopApp("nonce-1");
        okta.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario(HANDSHAKE).whenScenarioStateIs("bound")
                .willReturn(okJson(JSON.writeValueAsString(java.util.Map.of("token_type", "DPoP", "expires_in", 3600,
                        "access_token", "eyJkcG9wIjoidG9rZW4ifQ\u200B.Zm9vYmFyYmF6cXV4")))));

        Throwable e = catchThrowable(() -> client(source()).getUser("00u1", Deadline.none()));

        assertThat(e).hasMessage("Okta's token endpoint issued an access token with a character a token cannot hold (position 23)");
        assertThat(requests("/api/v1/users/")).isEmpty();
    }

    @Test
    void noProofTokenOrAssertionLeaks() {
        dpopApp("nonce-1");
        okta.stubFor(get(urlPathMatching("/api/v1/users/00u404")).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "DPoP error=\"invalid_dpop_proof\"").withHeader("Content-Type", "application/json")
                .withBody(OktaBodies.error("E0000011", "Invalid token provided"))));
        try (LeakWatch watch = LeakWatch.start()) {
            OktaClient client = client(source());
            client.getUser("00u1", Deadline.none());
            Throwable refused = catchThrowable(() -> client.getUser("00u404", Deadline.none()));
            okta.resetScenarios();
            okta.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(tokenError(INVALID_PROOF)));
            Throwable misconfigured = catchThrowable(() -> source().authorizationHeader(Deadline.none()));

            watch.response("the refusal", String.valueOf(refused)).response("the configuration error", String.valueOf(misconfigured));
            for (LoggedRequest request : okta.getAllServeEvents().stream().map(ServeEvent::getRequest).toList()) {
                watch.secret("DPoP proof", request.getHeader("DPoP"));
                String authorization = request.getHeader("Authorization");
                watch.secret("access token", authorization == null ? null : authorization.substring(authorization.indexOf(' ') + 1));
                String body = request.getBodyAsString();
                watch.secret("client assertion", body.contains("client_assertion=") ? body.substring(body.indexOf("client_assertion=") + 17) : null);
            }
            assertThat(refused).isNotNull();
            assertThat(misconfigured).isInstanceOf(ConfigurationException.class);
            watch.assertNoLeaks();
        }
    }
}
