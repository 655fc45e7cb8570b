package dev.oktaprov.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oktaprov.credentials.JwsAlgorithm;
import dev.oktaprov.credentials.SigningKey;
import dev.oktaprov.testsupport.TestKeys;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The service app's private key from PEM PKCS#8: what is accepted, and refusals that never quote the key. */
class SigningKeyTest {

    private static final KeyPair RSA = TestKeys.rsa();
    private static final KeyPair EC = TestKeys.ec();

    @Test
    void rsaKeysSignRs256AndEcP256KeysEs256() {
        assertThat(SigningKey.fromPem(TestKeys.privatePem(RSA)).algorithm()).isEqualTo(JwsAlgorithm.RS256);
        assertThat(SigningKey.fromPem(TestKeys.privatePem(EC)).algorithm()).isEqualTo(JwsAlgorithm.ES256);
    }

    @Test
    void aPemPastedIntoJsonWithLiteralBackslashNIsRead() {
        String oneLine = TestKeys.privatePem(EC).replace("\n", "\\n");

        assertThat(SigningKey.fromPem(oneLine).algorithm()).isEqualTo(JwsAlgorithm.ES256);
    }

    @Test
    void theKeyNeverPrints() {
        SigningKey key = SigningKey.fromPem(TestKeys.privatePem(RSA));

        assertThat(key.toString()).isEqualTo("SigningKey[RS256, ***]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "pkcs1|PKCS#1/SEC1, not PKCS#8",
        "sec1|PKCS#1/SEC1, not PKCS#8",
        "encrypted|encrypted",
        "public|not PEM PKCS#8",
        "bad-base64|not valid base64",
        "not-a-key|neither an RSA nor an EC",
        "rsa-1024|at least 2048",
        "ec-p384|not on curve P-256",
        "blank|empty"})
    void unusableKeysAreRefusedWithoutQuotingThem(String kind, String reason) {
        String body = TestKeys.pemBody(TestKeys.privatePem(RSA));
        String pem = switch (kind) {
            case "pkcs1" -> "-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----";
            case "sec1" -> "-----BEGIN EC PRIVATE KEY-----\n" + body + "\n-----END EC PRIVATE KEY-----";
            case "encrypted" -> "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + body + "\n-----END ENCRYPTED PRIVATE KEY-----";
            case "public" -> TestKeys.publicPem(RSA);
            case "bad-base64" -> "-----BEGIN PRIVATE KEY-----\n" + body.substring(0, 100) + "!!" + body.substring(100)
                    + "\n-----END PRIVATE KEY-----";
            case "not-a-key" -> TestKeys.pem("PRIVATE KEY", body.substring(0, 300).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            case "rsa-1024" -> TestKeys.privatePem(TestKeys.rsa(1024));
            case "ec-p384" -> TestKeys.privatePem(TestKeys.ec("secp384r1"));
            default -> " ";
        };

        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, () -> SigningKey.fromPem(pem));

        assertThat(e).as(kind).isNotNull();
        assertThat(e.getMessage()).contains(reason);
        assertThat(e.getCause()).isNull();
        String armourless = TestKeys.pemBody(pem);
        for (int i = 0; i + 16 <= armourless.length(); i += 16) {
            assertThat(e.getMessage()).doesNotContain(armourless.substring(i, i + 16));
        }
    }
}
