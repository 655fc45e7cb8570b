package dev.oktaprov.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktaprov.credentials.ClientAssertion;
import dev.oktaprov.credentials.JwsAlgorithm;
import dev.oktaprov.credentials.OktaCredentials;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.testsupport.TestKeys;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import java.io.IOException;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A service app's private key stored as a JWK, the form Okta's Admin Console shows first when it
 * generates a key pair. The JWKs are written by jjwt, the JOSE library Okta's own Java SDK uses, and
 * jjwt verifies the assertions the core then signs with them.
 */
class JwkSecretTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeyPair RSA = TestKeys.rsa();
    private static final KeyPair EC = TestKeys.ec();
    private static final String AUDIENCE = "https://acme.okta.com/oauth2/v1/token";

    /** The private JWK as jjwt writes it: every member, kid included. */
    private static ObjectNode privateJwk(KeyPair keys, String kid) {
        var builder = keys.getPrivate().getAlgorithm().equals("RSA")
                ? Jwks.builder().rsaKeyPair(keys) : Jwks.builder().ecKeyPair(keys);
        try {
            return (ObjectNode) JSON.readTree(Jwks.UNSAFE_JSON(builder.id(kid).build()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode secret(ObjectNode jwk) {
        ObjectNode secret = JSON.createObjectNode().put("clientId", "0oa1abc");
        secret.set("privateKey", jwk);
        return secret;
    }

    private static OktaCredentials.ServiceApp parse(ObjectNode secret) {
        return (OktaCredentials.ServiceApp) OktaCredentials.parse(secret.toString(), "named by OKTA_SECRET_ID");
    }

    /** jjwt's verdict on an assertion the parsed app signs: its claims, if the public key verifies it. */
    private static Jws<Claims> verifiedAssertion(OktaCredentials.ServiceApp app, KeyPair keys) {
        Instant now = Instant.now();
        String assertion = ClientAssertion.create(app.app(), AUDIENCE, now, UUID.randomUUID());
        return Jwts.parser().verifyWith(keys.getPublic()).clock(() -> Date.from(now)).build().parseSignedClaims(assertion);
    }

    @Test
    void anRsaJwkAsOktaShowsItSignsAssertionsItsPublicKeyVerifies() {
        OktaCredentials.ServiceApp app = parse(secret(privateJwk(RSA, "kid-okta")));

        Jws<Claims> assertion = verifiedAssertion(app, RSA);

        assertThat(app.app().signingKey().algorithm()).isEqualTo(JwsAlgorithm.RS256);
        assertThat(app.app().keyId()).as("the JWK's kid serves as keyId").isEqualTo("kid-okta");
        assertThat(assertion.getHeader().getKeyId()).isEqualTo("kid-okta");
        assertThat(assertion.getHeader().getAlgorithm()).isEqualTo("RS256");
        assertThat(assertion.getPayload().getIssuer()).isEqualTo("0oa1abc");
    }

    @Test
    void anEcP256JwkSignsEs256() {
        OktaCredentials.ServiceApp app = parse(secret(privateJwk(EC, "kid-ec")));

        assertThat(app.app().signingKey().algorithm()).isEqualTo(JwsAlgorithm.ES256);
        assertThat(verifiedAssertion(app, EC).getHeader().getAlgorithm()).isEqualTo("ES256");
    }

    @Test
    void theJwkMayBeStoredAsTheTextTheConsoleCopiesWithAKeyIdThatAgrees() {
        ObjectNode secret = JSON.createObjectNode().put("clientId", "0oa1abc").put("keyId", "kid-okta")
                .put("privateKey", "\n" + privateJwk(RSA, "kid-okta").toPrettyString() + "\n");

        OktaCredentials.ServiceApp app = parse(secret);

        assertThat(app.app().keyId()).isEqualTo("kid-okta");
        assertThat(verifiedAssertion(app, RSA).getPayload().getSubject()).isEqualTo("0oa1abc");
    }

    @Test
    void anRsaJwkWithoutItsChineseRemainderMembersStillSigns() {
        ObjectNode jwk = privateJwk(RSA, "kid-1");
        jwk.remove(List.of("p", "q", "dp", "dq", "qi"));

        assertThat(verifiedAssertion(parse(secret(jwk)), RSA).getHeader().getKeyId()).isEqualTo("kid-1");
    }

    @Test
    void aJwkWithoutAKidTakesTheSecretsKeyId() {
        ObjectNode jwk = privateJwk(EC, "unused");
        jwk.remove("kid");

        assertThat(parse(secret(jwk).put("keyId", "kid-from-secret")).app().keyId()).isEqualTo("kid-from-secret");
    }

    static Stream<Arguments> unusableJwks() {
        return Stream.of(
                Arguments.of("a public JWK", (Consumer<ObjectNode>) s -> jwk(s).remove("d"), "is a public key"),
                Arguments.of("a kid that differs from keyId", (Consumer<ObjectNode>) s -> s.put("keyId", "kid-other"),
                        "keyId that differs from its privateKey's kid"),
                Arguments.of("no kid and no keyId", (Consumer<ObjectNode>) s -> jwk(s).remove("kid"), "non-text keyId"),
                Arguments.of("a JWK set", (Consumer<ObjectNode>) s -> s.putObject("privateKey").putArray("keys").add(privateJwk(RSA, "k")),
                        "is a JWK set"),
                Arguments.of("a symmetric key", (Consumer<ObjectNode>) s -> jwk(s).put("kty", "oct"), "kty is not RSA or EC"),
                Arguments.of("a modulus that is not base64url", (Consumer<ObjectNode>) s -> jwk(s).put("n", "not*base64"),
                        "\"n\" is not base64url"),
                Arguments.of("an empty modulus", (Consumer<ObjectNode>) s -> jwk(s).put("n", ""), "\"n\" is missing or not text"),
                Arguments.of("a multi-prime RSA key", (Consumer<ObjectNode>) s -> jwk(s).putArray("oth").addObject().put("r", "AQAB"),
                        "more than two primes"),
                Arguments.of("no exponent", (Consumer<ObjectNode>) s -> jwk(s).remove("e"), "\"e\" is missing or not text"),
                Arguments.of("a P-384 key", (Consumer<ObjectNode>) s -> s.set("privateKey", privateJwk(TestKeys.ec("secp384r1"), "k")),
                        "crv is not P-256"),
                Arguments.of("a 1024-bit RSA key", (Consumer<ObjectNode>) s -> s.set("privateKey", privateJwk(TestKeys.rsa(1024), "k")),
                        "1024 bits; Okta needs at least 2048"),
                Arguments.of("a prime of another key", (Consumer<ObjectNode>) s -> jwk(s).put("p", privateJwk(TestKeys.rsa(), "k").get("p").asText()),
                        "parts do not belong together"),
                Arguments.of("a zero prime", (Consumer<ObjectNode>) s -> jwk(s).put("p", "AA"), "parts do not belong together"),
                Arguments.of("JWK text cut short", (Consumer<ObjectNode>) s -> s.put("privateKey", jwk(s).toString().substring(0, 300)),
                        "starts like a JWK but is not JSON"));
    }

    private static ObjectNode jwk(ObjectNode secret) {
        return (ObjectNode) secret.get("privateKey");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableJwks")
    void unusableJwksAreConfigurationErrorsThatNeverQuoteTheKey(String name, Consumer<ObjectNode> edit, String reason) {
        ObjectNode secret = secret(privateJwk(RSA, "kid-okta"));
        String d = jwk(secret).get("d").asText();
        edit.accept(secret);

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> parse(secret));

        assertThat(e).as(name).isNotNull();
        assertThat(e.getMessage()).contains("OKTA_SECRET_ID").contains(reason);
        assertThat(e.getCause()).isNull();
        for (int i = 0; i + 16 <= d.length(); i += 16) {
            assertThat(e.getMessage()).doesNotContain(d.substring(i, i + 16));
        }
    }
}
