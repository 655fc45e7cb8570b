package dev.oktaprov.local.security;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A service app's key pair made here, in the forms an operator stores: PEM PKCS#8, or the JWK Okta's console shows. */
public final class ServiceAppKeys {

    private ServiceAppKeys() {}

    /** {@code "RSA"} (2048 bits) or {@code "EC"} (P-256). */
    public static KeyPair keyPair(String type) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
            if (type.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String privatePem(KeyPair keys) {
        return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    public static String publicPem(KeyPair keys) {
        return pem("PUBLIC KEY", keys.getPublic().getEncoded());
    }

    /** The members Okta's console shows for a generated RSA key (RFC 7518 section 6.3). */
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

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label + "-----\n";
    }
}
