package dev.oktaprov.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * A private key in JWK form (RFC 7517, 7518), the form Okta's Admin Console shows first when it
 * generates a service app's key pair: RSA, or EC on P-256. Messages name a member, never its value.
 *
 * @param key the key, checked as {@link SigningKey#of} checks any key
 * @param keyId the JWK's {@code kid}, when it has one
 */
record PrivateJwk(SigningKey key, Optional<String> keyId) {

    private static final String[] RSA_CRT = {"p", "q", "dp", "dq", "qi"};

    /** @throws IllegalArgumentException naming what is wrong */
    static PrivateJwk read(JsonNode jwk) {
        if (jwk.has("keys")) {
            throw new IllegalArgumentException("it is a JWK set; store the one private key from it");
        }
        if (!jwk.has("d")) {
            // Okta shows the private key once, when it generates the pair; the app's page shows only the public half.
            throw new IllegalArgumentException("the JWK is a public key (it has no \"d\"); store the private key"
                    + " Okta showed when it generated the pair");
        }
        String kty = jwk.path("kty").asText("");
        KeySpec spec = switch (kty) {
            case "RSA" -> rsa(jwk);
            case "EC" -> ec(jwk);
            default -> throw new IllegalArgumentException("the JWK's kty is not RSA or EC");
        };
        String kid = jwk.path("kid").isTextual() ? jwk.get("kid").asText().strip() : "";
        return new PrivateJwk(SigningKey.of(privateKey(kty, spec)), kid.isEmpty() ? Optional.empty() : Optional.of(kid));
    }

    private static KeySpec rsa(JsonNode jwk) {
        if (jwk.has("oth")) {
            throw new IllegalArgumentException("the RSA JWK has more than two primes (\"oth\"), which Okta does not accept");
        }
        BigInteger n = number(jwk, "n");
        BigInteger e = number(jwk, "e");
        BigInteger d = number(jwk, "d");
        for (String member : RSA_CRT) {
            if (!jwk.has(member)) {
                return new RSAPrivateKeySpec(n, d);
            }
        }
        return new RSAPrivateCrtKeySpec(n, e, d, number(jwk, "p"), number(jwk, "q"),
                number(jwk, "dp"), number(jwk, "dq"), number(jwk, "qi"));
    }

    private static KeySpec ec(JsonNode jwk) {
        if (!"P-256".equals(jwk.path("crv").asText())) {
            throw new IllegalArgumentException("the EC JWK's crv is not P-256 (ES256)");
        }
        return new ECPrivateKeySpec(number(jwk, "d"), SigningKey.p256());
    }

    /** A JWK integer: unsigned big-endian bytes in base64url. */
    private static BigInteger number(JsonNode jwk, String member) {
        JsonNode value = jwk.get(member);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("the JWK's \"" + member + "\" is missing or not text");
        }
        try {
            return new BigInteger(1, Base64.getUrlDecoder().decode(value.asText()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the JWK's \"" + member + "\" is not base64url");
        }
    }

    private static PrivateKey privateKey(String kty, KeySpec spec) {
        try {
            return KeyFactory.getInstance(kty).generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            // The JDK's message may carry key numbers: keep only its class.
            throw new IllegalArgumentException("the JDK refuses the " + kty + " JWK (" + e.getClass().getSimpleName() + ")");
        }
    }
}
