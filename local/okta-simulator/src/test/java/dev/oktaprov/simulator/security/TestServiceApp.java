package dev.oktaprov.simulator.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A service app as the tests play it: a key pair generated here and client assertions signed with
 * the JDK directly (ES256 in the P1363 form, R||S), independent of the core's own signer. The same
 * key pair can also play a DPoP key: {@link #dpopProof} signs RFC 9449 proofs with it.
 */
final class TestServiceApp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    final String clientId;
    final String keyId;
    final String algorithm;
    final KeyPair keys;

    private TestServiceApp(String clientId, String keyId, String algorithm, KeyPair keys) {
        this.clientId = clientId;
        this.keyId = keyId;
        this.algorithm = algorithm;
        this.keys = keys;
    }

    static TestServiceApp rsa(String clientId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TestServiceApp(clientId, "kid-" + clientId, "RS256", generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static TestServiceApp ec(String clientId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new TestServiceApp(clientId, "kid-" + clientId, "ES256", generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A correct assertion for {@code audience} at {@code now}, changed by {@code edit} before signing. */
    String assertion(String audience, Instant now, Consumer<Parts> edit) {
        Parts parts = new Parts();
        parts.header.put("alg", algorithm).put("kid", keyId).put("typ", "JWT");
        parts.claims.put("iss", clientId).put("sub", clientId).put("aud", audience)
                .put("iat", now.getEpochSecond()).put("exp", now.getEpochSecond() + 300)
                .put("jti", UUID.randomUUID().toString());
        edit.accept(parts);
        String signingInput = encode(parts.header) + "." + encode(parts.claims);
        return signingInput + "." + BASE64URL.encodeToString(parts.signer.sign(this, signingInput));
    }

    String assertion(String audience, Instant now) {
        return assertion(audience, now, parts -> { });
    }

    /** A correct DPoP proof for {@code htm} on {@code htu} at {@code now}, changed by {@code edit} before signing. */
    String dpopProof(String htm, String htu, Instant now, Consumer<Parts> edit) {
        Parts parts = new Parts();
        parts.header.put("typ", "dpop+jwt").put("alg", algorithm).set("jwk", publicJwk());
        parts.claims.put("jti", UUID.randomUUID().toString()).put("htm", htm).put("htu", htu)
                .put("iat", now.getEpochSecond());
        edit.accept(parts);
        String signingInput = encode(parts.header) + "." + encode(parts.claims);
        return signingInput + "." + BASE64URL.encodeToString(parts.signer.sign(this, signingInput));
    }

    /** The public key as a JWK, the only form a DPoP proof carries it in. */
    ObjectNode publicJwk() {
        if (keys.getPublic() instanceof ECPublicKey ec) {
            return JSON.createObjectNode().put("kty", "EC").put("crv", "P-256")
                    .put("x", unsigned(ec.getW().getAffineX(), 32)).put("y", unsigned(ec.getW().getAffineY(), 32));
        }
        RSAPublicKey rsa = (RSAPublicKey) keys.getPublic();
        return JSON.createObjectNode().put("kty", "RSA")
                .put("n", unsigned(rsa.getModulus(), 0)).put("e", unsigned(rsa.getPublicExponent(), 0));
    }

    /** base64url of the big-endian unsigned bytes, left-padded to {@code length} when given (EC coordinates). */
    private static String unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        int size = Math.max(length, bytes.length - start);
        byte[] out = new byte[size];
        System.arraycopy(bytes, start, out, size - (bytes.length - start), bytes.length - start);
        return BASE64URL.encodeToString(out);
    }

    /** The JWS signature as JOSE wants it. */
    byte[] joseSignature(String signingInput) {
        return sign(algorithm.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format", signingInput);
    }

    byte[] sign(String jcaAlgorithm, String signingInput) {
        try {
            Signature signature = Signature.getInstance(jcaAlgorithm);
            signature.initSign(keys.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(ObjectNode json) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a test may change: header, claims, and how the signature is made. */
    static final class Parts {
        final ObjectNode header = JSON.createObjectNode();
        final ObjectNode claims = JSON.createObjectNode();
        Signer signer = TestServiceApp::joseSignature;
    }

    @FunctionalInterface
    interface Signer {
        byte[] sign(TestServiceApp app, String signingInput);
    }
}
