package dev.oktaprov.testsupport;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Keys generated for a test run, and the forms an admin stores them in: PEM, or the JWK Okta's console shows. */
public final class TestKeys {

    private TestKeys() {}

    /** {@code "RSA"} (2048 bits) or {@code "EC"} (P-256). */
    public static KeyPair keyPair(String type) {
        return type.equals("EC") ? ec() : rsa();
    }

    public static KeyPair rsa() {
        return rsa(2048);
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ec() {
        return ec("secp256r1");
    }

    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code -----BEGIN PRIVATE KEY-----} (PKCS#8), 64 characters a line. */
    public static String privatePem(KeyPair keys) {
        return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    /** {@code -----BEGIN PUBLIC KEY-----} (X.509 SubjectPublicKeyInfo). */
    public static String publicPem(KeyPair keys) {
        return pem("PUBLIC KEY", keys.getPublic().getEncoded());
    }

    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** The private JWK Okta's console shows for a key it generates (RSA, RFC 7518 section 6.3). */
    public static Map<String, String> privateJwk(KeyPair keys, String kid) {
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) keys.getPrivate();
        Map<String, String> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("kid", kid);
        jwk.put("alg", "RS256");
        jwk.put("use", "sig");
        jwk.put("n", base64url(key.getModulus()));
        jwk.put("e", base64url(key.getPublicExponent()));
        jwk.put("d", base64url(key.getPrivateExponent()));
        jwk.put("p", base64url(key.getPrimeP()));
        jwk.put("q", base64url(key.getPrimeQ()));
        jwk.put("dp", base64url(key.getPrimeExponentP()));
        jwk.put("dq", base64url(key.getPrimeExponentQ()));
        jwk.put("qi", base64url(key.getCrtCoefficient()));
        return jwk;
    }

    private static String base64url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(bytes, skip, bytes.length));
    }

    /** The base64 body of a PEM without its armour and line breaks: what a leak would contain. */
    public static String pemBody(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }
}
