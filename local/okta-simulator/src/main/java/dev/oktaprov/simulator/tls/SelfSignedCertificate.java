package dev.oktaprov.simulator.tls;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;

/**
 * A fresh P-256 key and a self-signed X.509 v3 certificate for {@code 127.0.0.1} and
 * {@code localhost}, made with the JDK alone (it has no public API to write certificates, so the
 * few DER structures are written here and the JDK parses and verifies the result).
 */
public record SelfSignedCertificate(KeyPair keys, X509Certificate certificate) {

    static final String SUBJECT = "okta-simulator";
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    /** Valid from an hour ago (clock skew) for {@code validity}. */
    public static SelfSignedCertificate create(Instant now, Duration validity) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
            byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(SUBJECT))));
            byte[] tbs = Der.sequence(
                    Der.explicit(0, Der.integer(BigInteger.TWO)),
                    Der.integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE)),
                    algorithm,
                    name,
                    Der.sequence(Der.utcTime(now.minus(Duration.ofHours(1))), Der.utcTime(now.plus(validity))),
                    name,
                    keys.getPublic().getEncoded(),
                    Der.explicit(3, Der.sequence(
                            // digitalSignature only: what an ECDHE server key is used for.
                            Der.sequence(Der.oid(KEY_USAGE), Der.bool(true), Der.octetString(Der.bitString(new byte[] {(byte) 0x80}, 7))),
                            Der.sequence(Der.oid(EXTENDED_KEY_USAGE), Der.octetString(Der.sequence(Der.oid(SERVER_AUTH)))),
                            Der.sequence(Der.oid(SUBJECT_ALT_NAME), Der.octetString(Der.sequence(
                                    Der.implicit(2, "localhost".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                                    Der.implicit(7, LOOPBACK)))))));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] der = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            certificate.verify(keys.getPublic());
            return new SelfSignedCertificate(keys, certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the simulator's TLS certificate", e);
        }
    }
}
