package dev.oktaprov.simulator.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatedGroup;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.simulator.security.TestServiceApp.Parts;
import dev.oktaprov.testsupport.MutableClock;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Base64;
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
import org.junit.jupiter.params.provider.ValueSource;

/** POST /oauth2/v1/token with private_key_jwt, and Bearer tokens on the API, scope by scope. */
class TokenEndpointTest {

    private static final String ALL_SCOPES = "okta.users.manage okta.users.read okta.groups.read";
    private static final TestServiceApp RSA_APP = TestServiceApp.rsa("0oaRSA");
    private static final TestServiceApp EC_APP = TestServiceApp.ec("0oaEC");
    private static final TestServiceApp STRANGER = TestServiceApp.rsa("0oaRSA");

    private final MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");
    private OktaSimulator okta;
    private TokenEndpoint endpoint;
    private SimulatedUser jane;
    private SimulatedGroup engineering;

    @BeforeEach
    void start() {
        okta = OktaSimulator.start(SimulatorOptions.defaults().withClock(clock));
        for (TestServiceApp app : List.of(RSA_APP, EC_APP)) {
            okta.oauth().register(app.clientId, app.keys.getPublic(), app.keyId, List.of(ALL_SCOPES.split(" ")));
        }
        engineering = okta.addGroup("Engineering", "Builds things");
        jane = okta.seedUsers(SeedUser.of("jane.doe@example.com", "Jane", "Doe").withGroups("Engineering")).get(0);
        endpoint = new TokenEndpoint(okta.baseUrl());
    }

    @AfterEach
    void stop() {
        okta.close();
    }

    private String accessToken(TestServiceApp app, String scopes) {
        TokenEndpoint.Answer answer = endpoint.token(scopes, app.assertion(endpoint.url(), clock.instant()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().path("access_token").asText();
    }

    private TokenEndpoint.Answer get(String path, String accessToken) {
        return endpoint.api("GET", path, "Bearer " + accessToken, null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RS256", "ES256"})
    void aSignedAssertionGetsABearerTokenTheApiAccepts(String algorithm) {
        TestServiceApp app = algorithm.equals("RS256") ? RSA_APP : EC_APP;

        TokenEndpoint.Answer answer = endpoint.token("okta.users.read okta.groups.read", app.assertion(endpoint.url(), clock.instant()));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode token = answer.json();
        assertThat(token.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.path("expires_in").asInt()).isEqualTo(3600);
        assertThat(token.path("scope").asText()).isEqualTo("okta.users.read okta.groups.read");
        assertThat(token.path("access_token").asText()).isNotBlank();
        assertThat(get("/api/v1/users/" + jane.id(), token.path("access_token").asText()).status()).isEqualTo(200);
        assertThat(okta.oauth().tokensIssued()).isEqualTo(1);
        assertThat(okta.oauth().issuedTokenValues()).containsExactly(token.path("access_token").asText());
        assertThat(okta.oauth().receivedAssertions()).hasSize(1);
    }

    @Test
    void apiTokensKeepWorkingBesideServiceApps() {
        assertThat(endpoint.api("GET", "/api/v1/users", "SSWS " + okta.token(), null).status()).isEqualTo(200);
    }

    static Stream<Arguments> refusedAssertions() {
        Consumer<Parts> otherKey = parts -> parts.signer = (app, input) -> STRANGER.joseSignature(input);
        return Stream.of(
                Arguments.of("signed with another key", RSA_APP, otherKey, "signature is invalid"),
                Arguments.of("ES256 signed with another key", EC_APP,
                        (Consumer<Parts>) parts -> parts.signer = (app, input) -> TestServiceApp.ec("x").joseSignature(input),
                        "signature is invalid"),
                Arguments.of("ES256 signature left in DER", EC_APP,
                        (Consumer<Parts>) parts -> parts.signer = (app, input) -> app.sign("SHA256withECDSA", input),
                        "signature is invalid"),
                Arguments.of("audience of another org", RSA_APP,
                        (Consumer<Parts>) parts -> parts.claims.put("aud", "https://acme.okta.com/oauth2/v1/token"),
                        "audience"),
                Arguments.of("audience of a custom authorization server", RSA_APP,
                        (Consumer<Parts>) parts -> parts.claims.put("aud", parts.claims.path("aud").asText()
                                .replace("/oauth2/v1/token", "/oauth2/default/v1/token")),
                        "audience"),
                Arguments.of("no audience", RSA_APP, (Consumer<Parts>) parts -> parts.claims.remove("aud"), "audience"),
                Arguments.of("iss differs from sub", RSA_APP,
                        (Consumer<Parts>) parts -> parts.claims.put("sub", "0oaEC"), "iss and sub"),
                Arguments.of("unknown client", RSA_APP,
                        (Consumer<Parts>) parts -> parts.claims.put("iss", "0oaNOBODY").put("sub", "0oaNOBODY"), "client_id"),
                Arguments.of("another key id", RSA_APP, (Consumer<Parts>) parts -> parts.header.put("kid", "other"), "kid"),
                Arguments.of("alg none", RSA_APP, (Consumer<Parts>) parts -> {
                    parts.header.put("alg", "none");
                    parts.signer = (app, input) -> new byte[0];
                }, "alg"),
                Arguments.of("alg of the other key type", RSA_APP, (Consumer<Parts>) parts -> parts.header.put("alg", "ES256"), "alg"),
                Arguments.of("expired", RSA_APP,
                        (Consumer<Parts>) parts -> parts.claims.put("exp", parts.claims.path("iat").asLong() - 1), "expired"),
                Arguments.of("expires more than an hour away", RSA_APP,
                        (Consumer<Parts>) parts -> parts.claims.put("exp", parts.claims.path("iat").asLong() + 3601),
                        "too far in the future"),
                Arguments.of("no exp", RSA_APP, (Consumer<Parts>) parts -> parts.claims.remove("exp"), "exp"),
                Arguments.of("issued in the future", RSA_APP,
                        (Consumer<Parts>) parts -> parts.claims.put("iat", parts.claims.path("iat").asLong() + 600), "not valid yet"),
                Arguments.of("no jti", RSA_APP, (Consumer<Parts>) parts -> parts.claims.remove("jti"), "jti"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedAssertions")
    void assertionsThatDoNotPassAre401InvalidClient(String name, TestServiceApp app, Consumer<Parts> edit, String reason) {
        String assertion = app.assertion(endpoint.url(), clock.instant(), edit);

        TokenEndpoint.Answer answer = endpoint.token("okta.users.read", assertion);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.error()).isEqualTo("invalid_client");
        assertThat(answer.json().path("error_description").asText()).contains(reason);
        String[] jws = assertion.split("\\.", -1);
        assertThat(answer.body()).doesNotContain(jws[1]);
        if (!jws[2].isEmpty()) {
            assertThat(answer.body()).doesNotContain(jws[2]);
        }
        assertThat(okta.oauth().tokensIssued()).isZero();
    }

    @Test
    void aReplayedAssertionIsRefused() {
        String assertion = RSA_APP.assertion(endpoint.url(), clock.instant());
        assertThat(endpoint.token("okta.users.read", assertion).status()).isEqualTo(200);

        TokenEndpoint.Answer replay = endpoint.token("okta.users.read", assertion);

        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.json().path("error_description").asText()).contains("already been used");
        assertThat(okta.oauth().tokensIssued()).isEqualTo(1);
    }

    @Test
    void scopesTheAppWasNotGrantedAreInvalidScope() {
        okta.oauth().register(RSA_APP.clientId, RSA_APP.keys.getPublic(), RSA_APP.keyId, List.of("okta.users.read"));

        TokenEndpoint.Answer more = endpoint.token("okta.users.read okta.users.manage", RSA_APP.assertion(endpoint.url(), clock.instant()));
        TokenEndpoint.Answer none = endpoint.token("", RSA_APP.assertion(endpoint.url(), clock.instant()));

        assertThat(more.status()).isEqualTo(400);
        assertThat(more.error()).isEqualTo("invalid_scope");
        assertThat(more.json().path("error_description").asText()).contains("okta.users.manage").doesNotContain("okta.users.read");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.error()).isEqualTo("invalid_scope");
    }

    @Test
    void requestsOtherThanTheClientCredentialsFormAreRefused() {
        String assertion = RSA_APP.assertion(endpoint.url(), clock.instant());
        Map<String, String> password = new java.util.LinkedHashMap<>(TokenEndpoint.form("okta.users.read", assertion));
        password.put("grant_type", "password");
        Map<String, String> wrongType = new java.util.LinkedHashMap<>(TokenEndpoint.form("okta.users.read", assertion));
        wrongType.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:saml2-bearer");
        Map<String, String> otherClientId = new java.util.LinkedHashMap<>(TokenEndpoint.form("okta.users.read", assertion));
        otherClientId.put("client_id", "0oaEC");

        assertThat(endpoint.post(password).error()).isEqualTo("unsupported_grant_type");
        assertThat(endpoint.post(wrongType).error()).isEqualTo("invalid_client");
        assertThat(endpoint.post(otherClientId).error()).isEqualTo("invalid_client");
        TokenEndpoint.Answer json = TokenEndpoint.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(endpoint.url()))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}")));
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.error()).isEqualTo("invalid_request");
        assertThat(TokenEndpoint.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(endpoint.url())).GET()).status())
                .isEqualTo(405);
        assertThat(okta.oauth().tokensIssued()).isZero();
        assertThat(okta.oauth().tokenRequests()).isEqualTo(5);
    }

    @Test
    void eachEndpointNeedsItsScope() {
        String read = accessToken(RSA_APP, "okta.users.read");
        String manage = accessToken(RSA_APP, "okta.users.manage");
        String groups = accessToken(EC_APP, "okta.groups.read");
        String newUser = "{\"profile\":{\"login\":\"ada@example.com\",\"email\":\"ada@example.com\",\"firstName\":\"Ada\",\"lastName\":\"L\"}}";

        assertThat(get("/api/v1/users", read).status()).isEqualTo(200);
        assertThat(get("/api/v1/users/" + jane.id(), read).status()).isEqualTo(200);
        assertThat(get("/api/v1/users/" + jane.id() + "/groups", read).status()).isEqualTo(200);
        assertForbidden(endpoint.api("POST", "/api/v1/users?activate=false", "Bearer " + read, newUser));
        assertForbidden(get("/api/v1/groups/" + engineering.id() + "/users", read));

        TokenEndpoint.Answer created = endpoint.api("POST", "/api/v1/users?activate=false", "Bearer " + manage, newUser);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(endpoint.api("POST", "/api/v1/users/" + created.json().path("id").asText() + "/lifecycle/activate?sendEmail=false",
                "Bearer " + manage, null).status()).isEqualTo(200);
        assertForbidden(get("/api/v1/users/" + jane.id(), manage));
        assertForbidden(get("/api/v1/users", manage));

        assertThat(get("/api/v1/groups/" + engineering.id() + "/users", groups).status()).isEqualTo(200);
        assertForbidden(get("/api/v1/users/" + jane.id(), groups));
        assertThat(okta.userCount()).isEqualTo(2);
    }

    @Test
    void aServiceAppHasNoUserBehindItsTokenSoMeIsNotFound() {
        String readUsers = accessToken(RSA_APP, "okta.users.read");
        String readGroups = accessToken(RSA_APP, "okta.groups.read");

        TokenEndpoint.Answer me = get("/api/v1/users/me", readUsers);
        TokenEndpoint.Answer withoutScope = get("/api/v1/users/me", readGroups);
        TokenEndpoint.Answer ownerById = get("/api/v1/users/" + okta.tokenOwner().id(), readUsers);

        assertThat(me.status()).as(me.body()).isEqualTo(404);
        assertThat(me.json().path("errorCode").asText()).isEqualTo("E0000007");
        assertThat(me.json().path("errorSummary").asText()).isEqualTo("Not found: Resource not found: me (User)");
        assertForbidden(withoutScope);
        assertThat(ownerById.status()).as("the admin is still a user of the org").isEqualTo(200);
    }

    private static void assertForbidden(TokenEndpoint.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
        assertThat(answer.json().path("errorCode").asText()).isEqualTo("E0000006");
    }

    @Test
    void anExpiredTokenIs401E0000011() {
        String token = accessToken(RSA_APP, "okta.users.read");

        clock.advance(Duration.ofSeconds(3599));
        assertThat(get("/api/v1/users", token).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        TokenEndpoint.Answer expired = get("/api/v1/users", token);

        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().path("errorCode").asText()).isEqualTo("E0000011");
        assertThat(expired.body()).doesNotContain(token);
    }

    @Test
    void unknownBearerTokensAre401E0000011() {
        TokenEndpoint.Answer answer = get("/api/v1/users", "sim.not-issued-here");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().path("errorCode").asText()).isEqualTo("E0000011");
    }

    @Test
    void resetForgetsTokensAndKeepsTheRegisteredApps() {
        String token = accessToken(RSA_APP, "okta.users.read");

        okta.reset();

        assertThat(get("/api/v1/users", token).status()).isEqualTo(401);
        assertThat(okta.oauth().tokenRequests()).isZero();
        assertThat(get("/api/v1/users", accessToken(RSA_APP, "okta.users.read")).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RS256", "ES256"})
    void keysMayBeRegisteredAsJwk(String algorithm) {
        TestServiceApp app = algorithm.equals("RS256") ? TestServiceApp.rsa("0oaJWK") : TestServiceApp.ec("0oaJWK");
        String jwk;
        if (app.keys.getPublic() instanceof java.security.interfaces.RSAPublicKey rsa) {
            jwk = "{\"kty\":\"RSA\",\"n\":\"" + base64url(rsa.getModulus()) + "\",\"e\":\"" + base64url(rsa.getPublicExponent()) + "\"}";
        } else {
            java.security.interfaces.ECPublicKey ec = (java.security.interfaces.ECPublicKey) app.keys.getPublic();
            jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + base64url(ec.getW().getAffineX()) + "\",\"y\":\""
                    + base64url(ec.getW().getAffineY()) + "\"}";
        }
        okta.oauth().register(app.clientId, jwk, app.keyId, List.of("okta.users.read"));

        assertThat(get("/api/v1/users", accessToken(app, "okta.users.read")).status()).isEqualTo(200);
    }

    static String base64url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
