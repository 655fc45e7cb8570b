package dev.oktaprov.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.credentials.JwsAlgorithm;
import dev.oktaprov.credentials.SigningKey;
import dev.oktaprov.testsupport.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import org.junit.jupiter.api.Test;

/**
 * ES256 client assertions carry R||S (64 bytes for P-256), as JWS requires, not the DER the JDK's
 * plain ECDSA writes. The JDK's P1363 verifier is the judge; some R and S have leading zero bytes
 * (about 1 signature in 128), which a fixed-width encoding must keep: at least 500 signatures, and
 * on until three such were seen (500 alone miss them about once in 50 runs).
 */
class Es256SignatureTest {

    @Test
    void everySignatureIsSixtyFourBytesOfRAndSThatVerify() throws Exception {
        KeyPair keys = TestKeys.ec();
        SigningKey key = SigningKey.of(keys.getPrivate());
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        int leadingZero = 0;

        assertThat(key.algorithm()).isEqualTo(JwsAlgorithm.ES256);
        for (int i = 0; i < 500 || leadingZero < 3 && i < 50_000; i++) {
            byte[] message = ("header.payload " + i).getBytes(StandardCharsets.US_ASCII);
            byte[] signature = key.sign(message);

            assertThat(signature).hasSize(64);
            leadingZero += signature[0] == 0 || signature[32] == 0 ? 1 : 0;
            verifier.initVerify(keys.getPublic());
            verifier.update(message);
            assertThat(verifier.verify(signature)).as("signature %d", i).isTrue();
        }
        assertThat(leadingZero).as("R or S with a leading zero byte, kept in place").isGreaterThanOrEqualTo(3);
    }
}
