package dev.oktaprov.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.oktaprov.credentials.OAuthCredentialSource;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.credentials.ServiceAppCredentials;
import dev.oktaprov.credentials.SigningKey;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.errors.OktaAccessDeniedException;
import dev.oktaprov.errors.RateLimitedException;
import dev.oktaprov.errors.TransientUpstreamException;
import dev.oktaprov.errors.UnexpectedOktaException;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.testsupport.MutableClock;
import dev.oktaprov.testsupport.TestKeys;
import dev.oktaprov.time.Deadline;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The token request byte for byte, and each kind of answer Okta's token endpoint gives, pinned with WireMock. */
class TokenRequestWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeyPair RSA = TestKeys.rsa();
    private static final KeyPair EC = TestKeys.ec();
    private static final String TOKEN_JSON =
            "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"eyJraWQiOiJ0b2tlbi12YWx1ZSJ9.at\",\"scope\":\"okta.users.read\"}";

    private static WireMockServer okta;

    private final MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");

    @BeforeAll
    static void start() {
        okta = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().globalTemplating(true));
        okta.start();
    }

    @AfterAll
    static void stop() {
        okta.stop();
    }

    @BeforeEach
    void reset() {
        okta.resetAll();
    }

    private OAuthCredentialSource source(KeyPair keys) {
        return source(keys, okta.port());
    }

    private OAuthCredentialSource source(KeyPair keys, int port) {
        ServiceAppCredentials app = new ServiceAppCredentials("0oaAPP", SigningKey.fromPem(TestKeys.privatePem(keys)), "key-7");
        return new OAuthCredentialSource(URI.create("http://127.0.0.1:" + port), app, OAuthScopes.READ_USERS,
                OktaClient.defaultHttpClient(Duration.ofSeconds(2)), clock, Duration.ofSeconds(5));
    }

    private void answer(int status, String body) {
        okta.stubFor(post(urlEqualTo("/oauth2/v1/token")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withHeader("X-Okta-Request-Id", "req-token").withBody(body)));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    private static JsonNode part(String jwt, int index) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RS256", "ES256"})
    void theTokenRequestIsTheClientCredentialsFormWithASignedAssertion(String algorithm) throws Exception {
        KeyPair keys = algorithm.equals("RS256") ? RSA : EC;
        answer(200, TOKEN_JSON);

        String header = source(keys).authorizationHeader(Deadline.none());

        assertThat(header).isEqualTo("Bearer eyJraWQiOiJ0b2tlbi12YWx1ZSJ9.at");
        LoggedRequest request = okta.getAllServeEvents().get(0).getRequest();
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.getHeader("Accept")).isEqualTo("application/json");
        assertThat(request.containsHeader("Authorization")).isFalse();
        Map<String, String> form = form(request.getBodyAsString());
        assertThat(form.keySet()).containsExactly("grant_type", "scope", "client_assertion_type", "client_assertion");
        assertThat(form).containsEntry("grant_type", "client_credentials")
                .containsEntry("scope", "okta.users.read okta.groups.read")
                .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        String assertion = form.get("client_assertion");
        assertThat(assertion).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

        JsonNode jwsHeader = part(assertion, 0);
        assertThat(JSON.writeValueAsString(jwsHeader)).isEqualTo("{\"alg\":\"" + algorithm + "\",\"kid\":\"key-7\",\"typ\":\"JWT\"}");
        JsonNode claims = part(assertion, 1);
        assertThat(claims.path("iss").asText()).isEqualTo("0oaAPP");
        assertThat(claims.path("sub").asText()).isEqualTo("0oaAPP");
        assertThat(claims.path("aud").asText()).isEqualTo("http://127.0.0.1:" + okta.port() + "/oauth2/v1/token");
        assertThat(claims.path("iat").asLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(300);
        assertThat(java.util.UUID.fromString(claims.path("jti").asText())).isNotNull();

        byte[] signature = Base64.getUrlDecoder().decode(assertion.split("\\.")[2]);
        Signature verifier = Signature.getInstance(algorithm.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
        verifier.initVerify(keys.getPublic());
        verifier.update(assertion.substring(0, assertion.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(signature)).isTrue();
        if (algorithm.equals("ES256")) {
            assertThat(signature).hasSize(64);
        }
    }

    @Test
    void everyAssertionHasItsOwnJti() throws Exception {
        answer(200, TOKEN_JSON);
        OAuthCredentialSource source = source(EC);

        source.authorizationHeader(Deadline.none());
        source.invalidate();
        source.authorizationHeader(Deadline.none());

        var requests = okta.getAllServeEvents();
        String first = part(form(requests.get(0).getRequest().getBodyAsString()).get("client_assertion"), 1).path("jti").asText();
        String second = part(form(requests.get(1).getRequest().getBodyAsString()).get("client_assertion"), 1).path("jti").asText();
        assertThat(first).isNotEqualTo(second);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", ",\"expires_in\":0", ",\"expires_in\":-60", ",\"expires_in\":\"soon\""})
    void anAnswerWithoutAUsableExpiresInIsKeptFiveMinutesAtMost(String expiresIn) {
        answer(200, "{\"token_type\":\"bearer\",\"access_token\":\"at-1\"" + expiresIn + "}");
        OAuthCredentialSource source = source(RSA);

        source.authorizationHeader(Deadline.none());
        clock.advance(Duration.ofSeconds(269));
        source.authorizationHeader(Deadline.none());
        clock.advance(Duration.ofSeconds(1));
        source.authorizationHeader(Deadline.none());

        assertThat(okta.getAllServeEvents()).hasSize(2);
    }

    /** Okta's description is kept up to 200 characters. */
    private static final String TWO_HUNDRED = "no ".repeat(66) + "no";

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(400, "{\"error\":\"invalid_client\",\"error_description\":\"The client_assertion signature is invalid.\"}",
                        OktaAccessDeniedException.class, "Okta rejected the API credentials (invalid_client)"),
                Arguments.of(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed.\"}",
                        OktaAccessDeniedException.class, "Okta rejected the API credentials (invalid_client)"),
                Arguments.of(401, "", OktaAccessDeniedException.class, "invalid_client"),
                Arguments.of(400, "{\"error\":\"invalid_scope\",\"error_description\":\"The following scopes are not allowed: okta.groups.read\"}",
                        OktaAccessDeniedException.class, "lack the permission for this operation (invalid_scope)"),
                Arguments.of(400, "{\"error\":\"unauthorized_client\",\"error_description\":\"The client is not authorized to use the provided grant type.\"}",
                        ConfigurationException.class, "unauthorized_client: The client is not authorized to use the provided grant type."),
                Arguments.of(400, "{\"error\":\"use_dpop_nonce\",\"error_description\":\"Authorization server requires nonce in DPoP proof.\"}",
                        ConfigurationException.class, "asked for a DPoP nonce (use_dpop_nonce) but sent none"),
                Arguments.of(200, "{\"token_type\":\"DPoP\",\"expires_in\":3600,\"access_token\":\"at\"}",
                        UnexpectedOktaException.class, "a token of an unknown type"),
                Arguments.of(503, "{\"errorCode\":\"E0000010\"}", TransientUpstreamException.class, "HTTP 503"),
                Arguments.of(429, "{}", RateLimitedException.class, "rate limit"),
                Arguments.of(200, "<html>", UnexpectedOktaException.class, "could not read"),
                Arguments.of(200, "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"at\\r\\nX-Injected: 1\"}",
                        UnexpectedOktaException.class, "an access token with a character a token cannot hold (position 3)"),
                Arguments.of(200, "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"\"}",
                        UnexpectedOktaException.class, "no usable access token"),
                Arguments.of(302, "", UnexpectedOktaException.class, "HTTP 302"),
                Arguments.of(500, "{}", TransientUpstreamException.class, "Okta's token endpoint answered HTTP 500"),
                Arguments.of(400, "{\"error\":\"invalid_dpop_proof\"}", ConfigurationException.class,
                        "refused the service app's DPoP proof (invalid_dpop_proof)"),
                Arguments.of(403, "{\"error\":\"access_denied\",\"error_description\":\"Policy evaluation failed.\"}",
                        ConfigurationException.class, "request (access_denied: Policy evaluation failed.); check"),
                Arguments.of(400, "", ConfigurationException.class, "refused the service app's request (HTTP 400); check"),
                Arguments.of(400, "{\"error\":\"unauthorized_client\"}", ConfigurationException.class, "request (unauthorized_client); check"),
                Arguments.of(400, "{\"error\":\"invalid_request\",\"error_description\":\"" + TWO_HUNDRED + "\"}",
                        ConfigurationException.class, "request (invalid_request: " + TWO_HUNDRED + "); check"),
                Arguments.of(400, "{\"error\":\"invalid_request\",\"error_description\":\"" + TWO_HUNDRED + "!\"}",
                        ConfigurationException.class, "request (invalid_request: " + TWO_HUNDRED + "...); check"),
                Arguments.of(200, "[]", UnexpectedOktaException.class, "could not read"),
                Arguments.of(200, "{\"token_type\":\"MAC\",\"expires_in\":3600,\"access_token\":\"at\"}",
                        UnexpectedOktaException.class, "a token of an unknown type"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("failures")
    void tokenEndpointFailuresAreTypedAndNeverQuoteTheAssertion(int status, String body, Class<?> type, String message) {
        answer(status, body);

        Throwable e = catchThrowable(() -> source(RSA).authorizationHeader(Deadline.none()));

        assertThat(e).isInstanceOf(type).hasMessageContaining(message);
        String assertion = form(okta.getAllServeEvents().get(0).getRequest().getBodyAsString()).get("client_assertion");
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(assertion.split("\\.")[1], assertion.split("\\.")[2]);
        }
    }

    /** Copy-paste leftovers and what a proxy might add: each refused by position, none sent, none quoted. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zero-width space\u200B", "\uFEFFbyte order mark", "curly\u2019quote", "cyrillic\u043Eo",
        "no-break\u00A0space", "trailing newline\n"})
    void anAccessTokenWithACharacterATokenCannotHoldIsRefusedWithoutQuotingIt(String oddity) throws Exception {
        String token = "eyJraWQiOiJ0b2tlbi12YWx1ZSJ9-" + oddity.replace(" ", "-") + "-Zm9vYmFyYmF6cXV4";
        answer(200, JSON.writeValueAsString(Map.of("token_type", "Bearer", "expires_in", 3600, "access_token", token)));
        OAuthCredentialSource source = source(RSA);

        Throwable e = catchThrowable(() -> source.authorizationHeader(Deadline.none()));

        assertThat(e).isInstanceOf(UnexpectedOktaException.class)
                .hasMessageStartingWith("Okta's token endpoint issued an access token with a character a token cannot hold (position ");
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("eyJraWQiOiJ0b2tlbi12YWx1ZSJ9", "Zm9vYmFyYmF6cXV4");
        }
        assertThat(okta.getAllServeEvents()).as("only the token request; the token was never sent").hasSize(1);
    }

    @Test
    void noTimeLeftMeansNoTokenRequest() {
        answer(200, TOKEN_JSON);

        Throwable e = catchThrowable(() -> source(RSA).authorizationHeader(Deadline.at(clock.instant())));

        assertThat(e).isInstanceOf(TransientUpstreamException.class).hasMessageContaining("No time left");
        assertThat(okta.getAllServeEvents()).isEmpty();
    }

    @Test
    void anInterruptedCallerGetsATransientFailureAndKeepsItsInterrupt() {
        answer(200, TOKEN_JSON);
        OAuthCredentialSource source = source(RSA);

        Thread.currentThread().interrupt();
        Throwable e = catchThrowable(() -> source.authorizationHeader(Deadline.none()));
        boolean interrupted = Thread.interrupted();

        assertThat(e).isExactlyInstanceOf(TransientUpstreamException.class)
                .hasMessage("Interrupted while getting an Okta access token");
        assertThat(interrupted).isTrue();
    }

    @Test
    void theTokenRequestWaitsNoLongerThanTheDeadline() {
        // A server of its own: the slow answer must not land in the shared server's journal after this test.
        WireMockServer slow = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        slow.start();
        try {
            slow.stubFor(post(urlEqualTo("/oauth2/v1/token")).willReturn(okJson(TOKEN_JSON).withFixedDelay(3_000)));
            OAuthCredentialSource source = source(RSA, slow.port());

            // The test's clock stands still: 300 ms is what the deadline leaves, well under the 5 s request timeout.
            Throwable e = catchThrowable(() -> source.authorizationHeader(Deadline.after(Duration.ofMillis(300), clock)));

            assertThat(e).isInstanceOf(TransientUpstreamException.class).hasMessageContaining("token endpoint");
        } finally {
            slow.stop();
        }
    }

    @Test
    void aRefusedTokenIsForgottenOnlyIfItIsStillTheCurrentOne() {
        // A new access token for every request, as Okta issues them.
        StubMapping stub = okta.stubFor(post(urlEqualTo("/oauth2/v1/token")).willReturn(okJson("{\"token_type\":\"Bearer\","
                + "\"expires_in\":3600,\"access_token\":\"at-{{randomValue length=24 type='ALPHANUMERIC'}}\"}")));
        OAuthCredentialSource source = source(RSA);
        String first = source.authorizationHeader(Deadline.none());

        source.invalidate(first);
        String second = source.authorizationHeader(Deadline.none());
        source.invalidate(first);
        source.invalidate("Bearer something-else");
        String third = source.authorizationHeader(Deadline.none());

        assertThat(second).isNotEqualTo(first);
        // Counted by this test's stub: a slow answer of an earlier test may still arrive in the journal.
        assertThat(okta.getAllServeEvents()).filteredOn(event -> stub.getId().equals(event.getStubMapping().getId()))
                .as("one token request for the first, one after the first refusal").hasSize(2);
        assertThat(third).isEqualTo(second);
    }

    @Test
    void anErrorDescriptionEchoingTheAssertionIsRedacted() {
        okta.stubFor(post(urlEqualTo("/oauth2/v1/token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_request\",\"error_description\":\"Bad assertion "
                        + "{{formData request.body 'form' urlDecode=true}}{{form.client_assertion}}\"}")));

        ConfigurationException e = (ConfigurationException) catchThrowable(() -> source(EC).authorizationHeader(Deadline.none()));

        String assertion = form(okta.getAllServeEvents().get(0).getRequest().getBodyAsString()).get("client_assertion");
        assertThat(e.getMessage()).contains("invalid_request: Bad assertion [redacted]")
                .doesNotContain(assertion.split("\\.")[0], assertion.split("\\.")[1], assertion.split("\\.")[2]);
    }

    @Test
    void theSourcePrintsItsAppAndScopesButNoToken() {
        answer(200, "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"at-secret-1\"}");
        OAuthCredentialSource source = source(RSA);
        source.authorizationHeader(Deadline.none());

        assertThat(source).hasToString("OAuthCredentialSource[http://127.0.0.1:" + okta.port()
                + "/oauth2/v1/token, clientId=0oaAPP, scopes=" + OAuthScopes.READ_USERS + "]");
    }
}
