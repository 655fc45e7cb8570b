package dev.oktaprov.simulator.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Public keys as an admin registers them with an Okta app: PEM ({@code -----BEGIN PUBLIC KEY-----})
 * or a JWK ({@code kty} RSA with {@code n}, {@code e}; {@code kty} EC, {@code crv} P-256, with
 * {@code x}, {@code y}).
 */
public final class PublicKeys {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    private PublicKeys() {
    }

    /** PEM text or a JWK's JSON text. */
    public static PublicKey parse(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            try {
                return fromJwk(JSON.readTree(trimmed));
            } catch (IOException e) {
                throw new IllegalArgumentException("the JWK is not JSON");
            }
        }
        return fromPem(trimmed);
    }

    public static PublicKey fromPem(String pem) {
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("not a PEM public key (" + BEGIN + ")");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end).replaceAll("\\s", ""));
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(spec);
            } catch (InvalidKeySpecException notThisOne) {
                // try the next algorithm
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalArgumentException("the PEM public key is neither RSA nor EC");
    }

    public static PublicKey fromJwk(JsonNode jwk) {
        String type = jwk.path("kty").asText("");
        try {
            if (type.equals("RSA")) {
                return KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(unsigned(jwk, "n"), unsigned(jwk, "e")));
            }
            if (type.equals("EC")) {
                if (!jwk.path("crv").asText("").equals("P-256")) {
                    throw new IllegalArgumentException("only EC keys on P-256 are supported");
                }
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                parameters.init(new ECGenParameterSpec("secp256r1"));
                ECParameterSpec p256 = parameters.getParameterSpec(ECParameterSpec.class);
                return KeyFactory.getInstance("EC").generatePublic(
                        new ECPublicKeySpec(new ECPoint(unsigned(jwk, "x"), unsigned(jwk, "y")), p256));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the JWK is not a valid " + type + " public key");
        }
        throw new IllegalArgumentException("the JWK's kty must be RSA or EC");
    }

    private static BigInteger unsigned(JsonNode jwk, String member) {
        String value = jwk.path(member).asText("");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the JWK lacks " + member);
        }
        return new BigInteger(1, Base64.getUrlDecoder().decode(value));
    }
}
