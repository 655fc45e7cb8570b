package dev.oktaprov.credentials;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * A service app's private key and the JWS algorithm it signs with: RS256 for RSA (2048 bits or
 * more, as Okta requires), ES256 for EC keys on P-256. Built from PEM PKCS#8 text with the JDK's
 * own crypto, or from a JWK ({@link PrivateJwk}). Error messages describe the problem, never the key.
 */
public final class SigningKey {

    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    private static final int MIN_RSA_BITS = 2048;

    private final PrivateKey key;
    private final JwsAlgorithm algorithm;

    private SigningKey(PrivateKey key, JwsAlgorithm algorithm) {
        this.key = key;
        this.algorithm = algorithm;
    }

    /** Wraps a key the caller already holds (tests, tools). */
    public static SigningKey of(PrivateKey key) {
        Objects.requireNonNull(key, "key");
        if (key instanceof RSAPrivateKey rsa) {
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new IllegalArgumentException("the RSA key has " + rsa.getModulus().bitLength()
                        + " bits; Okta needs at least " + MIN_RSA_BITS);
            }
            return signing(key, JwsAlgorithm.RS256);
        }
        if (key instanceof ECPrivateKey ec) {
            if (!isP256(ec.getParams())) {
                throw new IllegalArgumentException("the EC key is not on curve P-256 (ES256)");
            }
            return signing(key, JwsAlgorithm.ES256);
        }
        throw new IllegalArgumentException("the key is " + key.getAlgorithm() + "; use RSA (RS256) or EC P-256 (ES256)");
    }

    /**
     * Reads {@code -----BEGIN PRIVATE KEY-----} (unencrypted PKCS#8). Line breaks written as the two
     * characters {@code \n} (a PEM pasted into JSON by hand) are accepted too.
     *
     * @throws IllegalArgumentException naming what is wrong, never quoting the text
     */
    public static SigningKey fromPem(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("the private key is empty");
        }
        String text = pem.replace("\\n", "\n").replace("\\r", "\r").strip();
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new IllegalArgumentException("the private key is encrypted; store it unencrypted as PKCS#8"
                    + " (openssl pkcs8 -topk8 -nocrypt)");
        }
        if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new IllegalArgumentException("the private key is PKCS#1/SEC1, not PKCS#8; convert it with"
                    + " openssl pkcs8 -topk8 -nocrypt (the result starts with " + BEGIN + ")");
        }
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the private key is not PEM PKCS#8 text starting with " + BEGIN);
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(text.substring(begin + BEGIN.length(), end).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the private key's PEM body is not valid base64");
        }
        return of(decode(der));
    }

    /**
     * The key once it has signed: a PEM with a mistyped character, or a JWK whose members come from two keys, still
     * parses, and would otherwise fail at the first assertion as a bug rather than as the malformed secret it is.
     */
    private static SigningKey signing(PrivateKey key, JwsAlgorithm algorithm) {
        SigningKey signing = new SigningKey(key, algorithm);
        try {
            signing.sign(new byte[] {0});
        } catch (RuntimeException e) {
            // The JDK's own refusals (SignatureException, ArithmeticException on a zero prime); their text is not needed.
            throw new IllegalArgumentException("the " + key.getAlgorithm() + " key's parts do not belong together, so it"
                    + " cannot sign; store it again as Okta or openssl gave it");
        }
        return signing;
    }

    public JwsAlgorithm algorithm() {
        return algorithm;
    }

    /** The JWS signature of {@code signingInput}: PKCS#1 v1.5 bytes for RS256, raw R||S for ES256. */
    public byte[] sign(byte[] signingInput) {
        try {
            Signature signature = Signature.getInstance(algorithm.jcaName());
            signature.initSign(key);
            signature.update(signingInput);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            // The JDK's messages do not quote keys; the class name is enough to diagnose.
            throw new IllegalStateException("cannot sign a JWS with " + algorithm
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static PrivateKey decode(byte[] der) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException notThisAlgorithm) {
                // try the next one
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks " + algorithm + " support");
            }
        }
        throw new IllegalArgumentException("the private key is neither an RSA nor an EC PKCS#8 key");
    }

    private static boolean isP256(ECParameterSpec params) {
        ECParameterSpec expected = p256();
        return params.getOrder().equals(expected.getOrder())
                && params.getGenerator().equals(expected.getGenerator())
                && params.getCurve().equals(expected.getCurve());
    }

    static ECParameterSpec p256() {
        try {
            AlgorithmParameters p256 = AlgorithmParameters.getInstance("EC");
            p256.init(new ECGenParameterSpec("secp256r1"));
            return p256.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks the P-256 curve");
        }
    }

    @Override
    public String toString() {
        return "SigningKey[" + algorithm + ", ***]";
    }
}
