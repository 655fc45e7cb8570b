package dev.oktaprov.credentials;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktaprov.okta.OktaJson;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.UUID;

/**
 * An ephemeral ES256 (P-256) key pair that binds an access token to this execution environment, and
 * the DPoP proofs (RFC 9449) it signs. Made on the first DPoP need, never during SnapStart priming;
 * separate from the app's client-assertion key. The private key never leaves this object.
 */
final class DpopKey {

    private final SigningKey signingKey;
    /** The public JWK: kty, crv, x, y only. */
    private final ObjectNode jwk;

    private DpopKey(KeyPair pair) {
        this.signingKey = SigningKey.of(pair.getPrivate());
        ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
        this.jwk = OktaJson.MAPPER.createObjectNode().put("kty", "EC").put("crv", "P-256")
                .put("x", coordinate(publicKey.getW().getAffineX()))
                .put("y", coordinate(publicKey.getW().getAffineY()));
    }

    static DpopKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new DpopKey(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks the P-256 curve");
        }
    }

    /**
     * A fresh proof for {@code method} on {@code uri}: with {@code nonce} at the token endpoint, with
     * {@code accessToken}'s hash ({@code ath}) on an API request; either may be null.
     */
    String proof(String method, URI uri, Instant now, String nonce, String accessToken) {
        ObjectNode header = OktaJson.MAPPER.createObjectNode().put("typ", "dpop+jwt").put("alg", "ES256");
        header.set("jwk", jwk);
        ObjectNode claims = OktaJson.MAPPER.createObjectNode()
                .put("jti", UUID.randomUUID().toString())
                .put("htm", method)
                .put("htu", htu(uri))
                .put("iat", now.getEpochSecond());
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        if (accessToken != null) {
            claims.put("ath", ClientAssertion.base64url(sha256(accessToken)));
        }
        return ClientAssertion.compact(signingKey, header, claims);
    }

    /** The URI without query and fragment, percent-decoded and re-escaped as Okta's SDK sends it. */
    static String htu(URI uri) {
        String raw = uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
        return URLDecoder.decode(raw, StandardCharsets.UTF_8)
                .replace("%", "%25").replace(" ", "%20").replace("\"", "%22").replace("#", "%23");
    }

    private static byte[] sha256(String accessToken) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks SHA-256");
        }
    }

    /** A P-256 coordinate as JWK wants it: exactly 32 big-endian bytes, base64url. */
    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return ClientAssertion.base64url(fixed);
    }
}
