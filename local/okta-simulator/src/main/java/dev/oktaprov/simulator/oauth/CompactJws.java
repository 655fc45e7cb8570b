package dev.oktaprov.simulator.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A compact JWS split into its JSON header and claims, for client assertions and DPoP proofs alike,
 * and its signature checked for the asymmetric algorithms the simulator accepts.
 */
record CompactJws(JsonNode header, JsonNode claims, byte[] signingInput, String encodedSignature) {

    /** JOSE algorithm -> JCA signature; ES256 in JWS is R||S, which the JDK reads as "P1363". */
    static final Map<String, String> ALGORITHMS = Map.of(
            "ES256", "SHA256withECDSAinP1363Format",
            "RS256", "SHA256withRSA",
            "RS384", "SHA384withRSA",
            "RS512", "SHA512withRSA");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    /** @param malformed the error to throw when {@code jws} is not a JWS with JSON objects for header and claims */
    static CompactJws parse(String jws, Supplier<OAuthError> malformed) {
        String[] parts = jws.split("\\.", -1);
        if (parts.length != 3) {
            throw malformed.get();
        }
        return new CompactJws(json(parts[0], malformed), json(parts[1], malformed),
                (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), parts[2]);
    }

    /**
     * True when {@code key} made the signature with {@code algorithm} (one of {@link #ALGORITHMS}).
     * The signature is decoded only here, so a bad header is reported before a bad signature.
     */
    boolean signedBy(String algorithm, PublicKey key, Supplier<OAuthError> malformed) {
        byte[] signature = decode(encodedSignature, malformed);
        String jca = ALGORITHMS.get(algorithm);
        // A P-256 signature is exactly 64 bytes; the JDK would take other lengths too loosely.
        if (jca == null || (algorithm.equals("ES256") && signature.length != 64)) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(jca);
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static JsonNode json(String part, Supplier<OAuthError> malformed) {
        try {
            JsonNode node = JSON.readTree(decode(part, malformed));
            if (node == null || !node.isObject()) {
                throw malformed.get();
            }
            return node;
        } catch (IOException e) {
            throw malformed.get();
        }
    }

    private static byte[] decode(String part, Supplier<OAuthError> malformed) {
        if (part.isEmpty() || part.contains("=")) {
            throw malformed.get();
        }
        try {
            return BASE64URL.decode(part);
        } catch (IllegalArgumentException e) {
            throw malformed.get();
        }
    }
}
