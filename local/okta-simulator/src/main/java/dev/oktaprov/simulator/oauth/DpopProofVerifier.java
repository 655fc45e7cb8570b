package dev.oktaprov.simulator.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.simulator.http.PercentDecoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Checks a DPoP proof (RFC 9449, section 4.3) as Okta does, at the token endpoint and on /api
 * alike: exactly one {@code DPoP} header holding a compact JWS with {@code typ: dpop+jwt}, an
 * asymmetric {@code alg}, a public {@code jwk} that verifies the signature, {@code htm} and
 * {@code htu} naming this request, an {@code iat} close to the simulator's now, and a {@code jti}
 * not seen before for that key. Handshake (nonce) and token binding ({@code ath}) are the callers'.
 * Its errors never quote the proof. Thread-safe.
 */
final class DpopProofVerifier {

    /** How far {@code iat} may be from now, either way: proofs are made just before they are sent. */
    static final Duration IAT_WINDOW = Duration.ofMinutes(5);
    /** Remembered jtis at most; past it the oldest go first (they are the nearest to leaving the window anyway). */
    static final int MAX_REMEMBERED_JTIS = 100_000;

    /** What a valid proof says beyond its checks: the key's thumbprint, and the optional claims. */
    record Proof(String thumbprint, String nonce, String ath) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL_ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** JWK members only a private or symmetric key has (RFC 7518, section 6). */
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private final Clock clock;
    /** "thumbprint jti" -> when it leaves the iat window, oldest first. */
    private final LinkedHashMap<String, Instant> usedJtis = new LinkedHashMap<>();

    DpopProofVerifier(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param proofs every {@code DPoP} header value the request carried
     * @param url the request's URL as the client reached it, without query
     * @throws OAuthError invalid_dpop_proof when the proof is missing or does not pass
     */
    Proof verify(List<String> proofs, String method, String url) {
        if (proofs.isEmpty()) {
            throw OAuthError.invalidDpopProof("The DPoP proof is missing.");
        }
        if (proofs.size() > 1) {
            throw OAuthError.invalidDpopProof("Only one DPoP proof may be sent.");
        }
        Supplier<OAuthError> malformed = () -> invalid("The DPoP proof is not a valid JWT.");
        CompactJws jws = CompactJws.parse(proofs.get(0).strip(), malformed);
        JsonNode header = jws.header();
        JsonNode claims = jws.claims();
        if (!"dpop+jwt".equals(header.path("typ").asText(""))) {
            throw invalid("The DPoP proof's typ must be dpop+jwt.");
        }
        String algorithm = header.path("alg").asText("");
        // Asymmetric only: "none" and HS* would let anyone who saw a proof make the next one.
        if (!CompactJws.ALGORITHMS.containsKey(algorithm)) {
            throw invalid("The DPoP proof's alg is not supported; use one of ES256, RS256, RS384, RS512.");
        }
        JsonNode jwk = header.get("jwk");
        if (!jws.signedBy(algorithm, publicKey(jwk, algorithm), malformed)) {
            throw invalid("The DPoP proof's signature is invalid.");
        }
        if (!method.equals(claims.path("htm").asText(""))) {
            throw invalid("The DPoP proof's htm does not match the request method.");
        }
        if (!sameUrl(claims.path("htu").asText(""), url)) {
            throw invalid("The DPoP proof's htu does not match the request URL.");
        }
        Instant now = clock.instant();
        JsonNode iat = claims.get("iat");
        if (iat == null || !iat.isNumber()) {
            throw invalid("The DPoP proof must have an iat claim in seconds.");
        }
        Instant issuedAt = Instant.ofEpochSecond(iat.asLong());
        if (issuedAt.isBefore(now.minus(IAT_WINDOW)) || issuedAt.isAfter(now.plus(IAT_WINDOW))) {
            throw invalid("The DPoP proof's iat is too far from the current time.");
        }
        String thumbprint = thumbprint(jwk);
        String jti = claims.path("jti").asText("");
        if (jti.isEmpty()) {
            throw invalid("The DPoP proof must have a jti claim.");
        }
        if (!remember(thumbprint + " " + jti, issuedAt.plus(IAT_WINDOW), now)) {
            throw invalid("The DPoP proof has already been used (jti replay).");
        }
        return new Proof(thumbprint, text(claims, "nonce"), text(claims, "ath"));
    }

    synchronized void reset() {
        usedJtis.clear();
    }

    /** base64url(SHA-256(ASCII token)), what a proof's {@code ath} must be for {@code accessToken}. */
    static String accessTokenHash(String accessToken) {
        return BASE64URL_ENCODER.encodeToString(sha256(accessToken.getBytes(StandardCharsets.US_ASCII)));
    }

    /** RFC 7638: the required members in lexicographic order, no whitespace, SHA-256, base64url. */
    static String thumbprint(JsonNode jwk) {
        String kty = jwk.path("kty").asText("");
        String canonical = kty.equals("EC")
                ? "{\"crv\":" + quoted(jwk, "crv") + ",\"kty\":\"EC\",\"x\":" + quoted(jwk, "x") + ",\"y\":" + quoted(jwk, "y") + "}"
                : "{\"e\":" + quoted(jwk, "e") + ",\"kty\":\"RSA\",\"n\":" + quoted(jwk, "n") + "}";
        return BASE64URL_ENCODER.encodeToString(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    private static PublicKey publicKey(JsonNode jwk, String algorithm) {
        if (jwk == null || !jwk.isObject()) {
            throw invalid("The DPoP proof's header must carry the public key as jwk.");
        }
        for (String member : PRIVATE_MEMBERS) {
            if (jwk.has(member)) {
                throw invalid("The DPoP proof's jwk must not contain private key material.");
            }
        }
        PublicKey key;
        try {
            key = PublicKeys.fromJwk(jwk);
        } catch (IllegalArgumentException e) {
            throw invalid("The DPoP proof's jwk is not a valid public key.");
        }
        boolean fits = algorithm.startsWith("ES") ? key instanceof ECPublicKey : key instanceof RSAPublicKey;
        if (!fits) {
            throw invalid("The DPoP proof's jwk does not fit its alg.");
        }
        return key;
    }


    /** Compared after percent-decoding both, so the SDK's decoded htu and a raw encoded one both match. */
    static boolean sameUrl(String htu, String url) {
        return !htu.isEmpty() && normalized(htu).equals(normalized(url));
    }

    private static String normalized(String url) {
        String decoded = PercentDecoding.decode(url);
        int authorityEnd = decoded.indexOf('/', decoded.indexOf("://") + 3);
        // Scheme and host are case-insensitive; the path is not.
        return authorityEnd < 0
                ? decoded.toLowerCase(Locale.ROOT)
                : decoded.substring(0, authorityEnd).toLowerCase(Locale.ROOT) + decoded.substring(authorityEnd);
    }

    private synchronized boolean remember(String key, Instant forgetAt, Instant now) {
        usedJtis.values().removeIf(expiry -> !expiry.isAfter(now));
        if (usedJtis.containsKey(key)) {
            return false;
        }
        if (usedJtis.size() >= MAX_REMEMBERED_JTIS) {
            usedJtis.remove(usedJtis.keySet().iterator().next());
        }
        usedJtis.put(key, forgetAt);
        return true;
    }

    private static String text(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String quoted(JsonNode jwk, String member) {
        try {
            return JSON.writeValueAsString(jwk.path(member).asText(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OAuthError invalid(String description) {
        return OAuthError.invalidDpopProof(description);
    }
}
