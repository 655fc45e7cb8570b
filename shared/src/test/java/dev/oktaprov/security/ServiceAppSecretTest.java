package dev.oktaprov.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktaprov.credentials.JwsAlgorithm;
import dev.oktaprov.credentials.OktaCredentials;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.testsupport.TestKeys;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The OAuth service-app shape of the Okta secret, parsed in OktaCredentials. */
class ServiceAppSecretTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeyPair RSA = TestKeys.rsa();
    private static final String PEM = TestKeys.privatePem(RSA);

    private static ObjectNode secret() {
        return JSON.createObjectNode().put("clientId", "0oa1abc").put("privateKey", PEM).put("keyId", "kid-1");
    }

    private static OktaCredentials parse(ObjectNode secret) {
        return OktaCredentials.parse(secret.toString(), "named by OKTA_SECRET_ID");
    }

    @Test
    void aServiceAppSecretIsRead() {
        OktaCredentials.ServiceApp app = (OktaCredentials.ServiceApp) parse(secret());

        assertThat(app.app().clientId()).isEqualTo("0oa1abc");
        assertThat(app.app().keyId()).isEqualTo("kid-1");
        assertThat(app.app().signingKey().algorithm()).isEqualTo(JwsAlgorithm.RS256);
        assertThat(app.scopes()).isEmpty();
        assertThat(app.toString()).doesNotContain(TestKeys.pemBody(PEM).substring(0, 40));
    }

    @Test
    void aPemPastedWithItsLineBreaksIntoAHandWrittenSecretFileIsRead() {
        String handWritten = "{\"clientId\": \"0oa1abc\", \"keyId\": \"kid-1\",\n \"privateKey\": \"" + PEM + "\"}\n";

        OktaCredentials.ServiceApp app = (OktaCredentials.ServiceApp) OktaCredentials.parse(handWritten, "named by OKTA_SECRET_ID");

        assertThat(handWritten).contains("-----\n");
        assertThat(app.app().signingKey().algorithm()).isEqualTo(JwsAlgorithm.RS256);
    }

    @Test
    void anEcKeyMeansEs256() {
        OktaCredentials.ServiceApp app = (OktaCredentials.ServiceApp) parse(secret().put("privateKey", TestKeys.privatePem(TestKeys.ec())));

        assertThat(app.app().signingKey().algorithm()).isEqualTo(JwsAlgorithm.ES256);
    }

    @Test
    void scopesMayBeTextOrAnArray() {
        ObjectNode text = secret().put("scopes", "okta.users.read, okta.groups.read");
        ObjectNode array = secret();
        array.putArray("scopes").add("okta.users.manage").add("okta.users.read").add("okta.users.read");

        assertThat(((OktaCredentials.ServiceApp) parse(text)).scopes()).contains(List.of("okta.users.read", "okta.groups.read"));
        assertThat(((OktaCredentials.ServiceApp) parse(array)).scopes()).contains(List.of("okta.users.manage", "okta.users.read"));
        assertThat(((OktaCredentials.ServiceApp) parse(secret().putNull("scopes"))).scopes()).isEqualTo(Optional.empty());
    }

    static Stream<Arguments> unusableSecrets() {
        return Stream.of(
                Arguments.of("no keyId", (Consumer<ObjectNode>) s -> s.remove("keyId"), "an OAuth service app needs clientId, privateKey and keyId"),
                Arguments.of("no privateKey", (Consumer<ObjectNode>) s -> s.remove("privateKey"), "non-text privateKey"),
                Arguments.of("numeric clientId", (Consumer<ObjectNode>) s -> s.put("clientId", 42), "non-text clientId"),
                Arguments.of("clientId with a space", (Consumer<ObjectNode>) s -> s.put("clientId", "0oa 1"),
                        "has a clientId with a character a token cannot hold (position 4)"),
                Arguments.of("clientId with a zero-width space", (Consumer<ObjectNode>) s -> s.put("clientId", "0oa\u200B1"),
                        "has a clientId with a character a token cannot hold (position 4)"),
                Arguments.of("keyId with a byte order mark", (Consumer<ObjectNode>) s -> s.put("keyId", "\uFEFFkey-1"),
                        "has a keyId with a character a token cannot hold (position 1)"),
                Arguments.of("keyId with a curly quote", (Consumer<ObjectNode>) s -> s.put("keyId", "key\u20191"),
                        "has a keyId with a character a token cannot hold (position 4)"),
                Arguments.of("PKCS#1 key", (Consumer<ObjectNode>) s -> s.put("privateKey",
                        PEM.replace("BEGIN PRIVATE", "BEGIN RSA PRIVATE").replace("END PRIVATE", "END RSA PRIVATE")), "not PKCS#8"),
                Arguments.of("a JWK object that is not a key", (Consumer<ObjectNode>) s -> s.putObject("privateKey").put("kty", "RSA").put("d", PEM),
                        "unusable privateKey: the JWK's \"n\" is missing"),
                Arguments.of("scope with a quote", (Consumer<ObjectNode>) s -> s.put("scopes", "okta.users.read\" x"), "unusable scopes"),
                Arguments.of("scopes as a number", (Consumer<ObjectNode>) s -> s.put("scopes", 7), "neither text nor an array"),
                Arguments.of("empty scopes", (Consumer<ObjectNode>) s -> s.putArray("scopes"), "no scope given"),
                Arguments.of("an apiToken too", (Consumer<ObjectNode>) s -> s.put("apiToken", "00abc"), "both an apiToken and OAuth"),
                Arguments.of("snake_case", (Consumer<ObjectNode>) s -> {
                    s.removeAll();
                    s.put("client_id", "0oa1").put("private_key", PEM);
                }, "snake_case"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableSecrets")
    void unusableServiceAppSecretsAreConfigurationErrorsThatNeverQuoteTheKey(String name, Consumer<ObjectNode> edit, String reason) {
        ObjectNode secret = secret();
        edit.accept(secret);

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> parse(secret));

        assertThat(e).as(name).isNotNull();
        assertThat(e.getMessage()).contains("OKTA_SECRET_ID").contains(reason);
        assertThat(e.getCause()).isNull();
        String body = TestKeys.pemBody(PEM);
        for (int i = 0; i + 16 <= body.length(); i += 16) {
            assertThat(e.getMessage()).doesNotContain(body.substring(i, i + 16));
        }
    }
}
