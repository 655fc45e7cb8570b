package dev.oktaprov.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.oktaprov.errors.ConfigurationException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each wrong shape of the Okta secret, and of a service app's fields, gets its own message naming
 * the field to fix and never the value; what does parse prints without its secret.
 */
class OktaCredentialsShapeTest {

    private static final String PEM = pem();

    private static String pem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair keys = generator.generateKeyPair();
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {(byte) 10}).encodeToString(keys.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(String text) {
        return text.replace('\'', '"');
    }

    private static Throwable refusal(String secret) {
        return catchThrowable(() -> OktaCredentials.parse(secret, "named by OKTA_SECRET_ID"));
    }

    @Test
    void aSecretFromAFileWithAByteOrderMarkIsRead() {
        OktaCredentials parsed = OktaCredentials.parse("\uFEFF{\"apiToken\": \"00secret-token\"}", "named by OKTA_SECRET_ID");

        assertThat(parsed).isInstanceOfSatisfying(OktaCredentials.ApiToken.class,
                token -> assertThat(token.authorizationHeader()).isEqualTo("SSWS 00secret-token"));
    }

    @Test
    void noTextOrNoObjectIsNotAJsonObject() {
        assertThat(refusal(null)).isExactlyInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("The secret named by OKTA_SECRET_ID is not a JSON object");
        assertThat(refusal("[\"00token\"]")).isExactlyInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("The secret named by OKTA_SECRET_ID is not a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'apiToken': 42}", "{'apiToken': '  '}", "{'apiToken': null}"})
    void anApiTokenThatIsNoTextIsRefused(String secret) {
        assertThat(refusal(json(secret))).isExactlyInstanceOf(ConfigurationException.class)
                .hasMessage("The secret named by OKTA_SECRET_ID has an empty or non-text apiToken");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'keyId': 'kid-1'}|clientId",
            "{'privateKey': 'x'}|clientId",
            "{'clientId': 7, 'privateKey': 'x', 'keyId': 'kid-1'}|clientId",
            "{'clientId': '0oa1', 'keyId': 'kid-1'}|privateKey",
            "{'clientId': '0oa1', 'privateKey': 'x', 'keyId': ' '}|keyId"})
    void anyServiceAppFieldMakesItAServiceAppThatNamesWhatIsMissing(String secret, String field) {
        assertThat(refusal(json(secret))).isExactlyInstanceOf(ConfigurationException.class)
                .hasMessage("The secret named by OKTA_SECRET_ID has an empty or non-text " + field
                        + "; an OAuth service app needs clientId, privateKey and keyId (or a JWK privateKey with a kid)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'client_id': '0oa1'}", "{'private_key': 'x'}"})
    void snakeCaseFieldsAreNamedAsSuch(String secret) {
        assertThat(refusal(json(secret))).isExactlyInstanceOf(ConfigurationException.class)
                .hasMessageContaining("uses snake_case field names");
    }

    @Test
    void scopesMustBeTextOrAnArrayOfText() {
        String app = "{\"clientId\": \"0oa1\", \"keyId\": \"kid-1\", \"privateKey\": " + quoted(PEM) + ", \"scopes\": ";

        assertThat(refusal(app + "[\"okta.users.read\", 1]}")).isExactlyInstanceOf(ConfigurationException.class)
                .hasMessage("The secret named by OKTA_SECRET_ID has unusable scopes: every scope must be text");
        assertThat(refusal(app + "5}")).isExactlyInstanceOf(ConfigurationException.class)
                .hasMessage("The secret named by OKTA_SECRET_ID has scopes that are neither text nor an array of text");
    }

    @Test
    void whatParsingMakesPrintsNoSecret() {
        OktaCredentials token = OktaCredentials.parse("{\"apiToken\": \"00secret-token\"}", "named by OKTA_SECRET_ID");
        OktaCredentials app = OktaCredentials.parse("{\"clientId\": \"0oa1\", \"keyId\": \"kid-1\", \"privateKey\": "
                + quoted(PEM) + "}", "named by OKTA_SECRET_ID");

        assertThat(token).hasToString("ApiToken[***]");
        assertThat(app).hasToString("ServiceApp[ServiceAppCredentials[clientId=0oa1, keyId=kid-1, key=***], scopes=-]");
    }

    @Test
    void aServiceAppNeedsAClientIdAndKeyIdOfTokenCharacters() {
        SigningKey key = SigningKey.fromPem(PEM);

        assertThat(catchThrowable(() -> new ServiceAppCredentials(" ", key, "kid-1")))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("clientId is required");
        assertThat(catchThrowable(() -> new ServiceAppCredentials("0oa1", key, null)))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("keyId is required");
        assertThat(catchThrowable(() -> new ServiceAppCredentials("0oa\u00a01", key, "kid-1")))
                .hasMessage("clientId has a character a token cannot hold (position 4)");
        assertThat(catchThrowable(() -> new ServiceAppCredentials("0oa1", key, "kid 1")))
                .hasMessage("keyId has a character a token cannot hold (position 4)");
    }

    @Test
    void visibleAsciiFromExclamationMarkToTildeIsWhatATokenHolds() {
        assertThat(CredentialCharacters.unfitCharacter("!00token~")).isNull();
        assertThat(CredentialCharacters.unfitCharacter("00 token")).isEqualTo("a character a token cannot hold (position 3)");
        assertThat(CredentialCharacters.unfitCharacter("00token\u007f")).isEqualTo("a character a token cannot hold (position 8)");
    }

    @Test
    void aPemWhoseEndComesBeforeItsBeginIsNotPem() {
        String body = PEM.substring(PEM.indexOf('\n') + 1, PEM.indexOf("-----END"));

        assertThat(catchThrowable(() -> SigningKey.fromPem("-----END PRIVATE KEY-----\n" + body + "-----BEGIN PRIVATE KEY-----")))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("the private key is not PEM PKCS#8 text starting with -----BEGIN PRIVATE KEY-----");
    }

    @Test
    void noScopeTextIsNoScope() {
        assertThat(catchThrowable(() -> OAuthScopes.parse(null))).hasMessage("no scope given");
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }
}
