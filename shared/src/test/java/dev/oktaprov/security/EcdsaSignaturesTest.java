package dev.oktaprov.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktaprov.okta.auth.EcdsaSignatures;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ES256 signatures go from the JDK's DER to JOSE's R||S. The JDK's own P1363 verifier, which reads
 * R||S, is the judge. The nonces come from a seeded generator, so the run is the same every time
 * and includes an R with a leading zero byte (a shorter DER integer) and Rs with the top bit set
 * (DER's extra 0x00): R depends on the nonce alone.
 */
class EcdsaSignaturesTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void everyConvertedSignatureVerifiesAsP1363() throws Exception {
        KeyPair keys = TestKeys.ec();
        Signature signer = Signature.getInstance("SHA256withECDSA");
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        int shortIntegers = 0;
        int paddedIntegers = 0;
        SecureRandom nonces = SecureRandom.getInstance("SHA1PRNG");
        nonces.setSeed(20260105L);
        for (int i = 0; i < 1000; i++) {
            byte[] message = ("message " + i).getBytes(StandardCharsets.US_ASCII);
            signer.initSign(keys.getPrivate(), nonces);
            signer.update(message);
            byte[] der = signer.sign();
            int rLength = der[3];
            shortIntegers += rLength < 32 ? 1 : 0;
            paddedIntegers += rLength == 33 ? 1 : 0;

            byte[] jose = EcdsaSignatures.derToJose(der, 32);

            assertThat(jose).hasSize(64);
            verifier.initVerify(keys.getPublic());
            verifier.update(message);
            assertThat(verifier.verify(jose)).as("signature %d, DER %s", i, HEX.formatHex(der)).isTrue();
        }
        assertThat(paddedIntegers).as("R with its top bit set (DER pads it)").isPositive();
        assertThat(shortIntegers).as("R shorter than 32 bytes").isPositive();
    }

    @Test
    void shortAndPaddedIntegersAreRightAligned() {
        // r = 0x01 (one byte), s = 0x80 followed by 31 bytes of 0x11 (DER pads it with 0x00).
        byte[] s = new byte[32];
        java.util.Arrays.fill(s, (byte) 0x11);
        s[0] = (byte) 0x80;
        String der = "3026" + "020101" + "022100" + HEX.formatHex(s);

        byte[] jose = EcdsaSignatures.derToJose(HEX.parseHex(der), 32);

        assertThat(HEX.formatHex(jose)).isEqualTo("00".repeat(31) + "01" + HEX.formatHex(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",                                       // empty
        "3106020101020101",                       // not a SEQUENCE
        "3007020101020101",                       // length says more than there is
        "300602010102010100",                     // trailing byte
        "3006030101020101",                       // BIT STRING where R should be
        "30060201010201",                         // truncated S
        "3027022200" + "111111111111111111111111111111111111111111111111111111111111111111" + "020101"})                      // R of 33 significant bytes
    void malformedDerIsRefused(String hex) {
        assertThatThrownBy(() -> EcdsaSignatures.derToJose(HEX.parseHex(hex), 32)).isInstanceOf(IllegalArgumentException.class);
    }
}
