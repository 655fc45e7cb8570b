package dev.oktaprov.simulator.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Checks a {@code private_key_jwt} client assertion the way Okta's token endpoint does: a compact
 * JWS signed RS256 or ES256 with the registered key (and {@code kid}), {@code iss} = {@code sub} =
 * a registered client, {@code aud} = this token endpoint, {@code exp} in the future but at most an
 * hour away, and a {@code jti} never seen before while its assertion could still be used.
 */
final class ClientAssertionVerifier {

    static final Duration MAX_LIFETIME = Duration.ofHours(1);
    /** Leeway for clocks that disagree a little about {@code iat} and {@code nbf}. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);


    private final Clock clock;
    private final Map<String, Instant> usedJtis = new ConcurrentHashMap<>();

    ClientAssertionVerifier(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param tokenUrl this endpoint's URL as the client reached it: the only accepted {@code aud}
     * @param clients the registered client of a client id, or null
     * @return the client the assertion authenticates
     * @throws OAuthError 401 invalid_client for any assertion that does not pass
     */
    RegisteredClient verify(String assertion, String tokenUrl, Function<String, RegisteredClient> clients) {
        Supplier<OAuthError> malformed = () -> OAuthError.invalidClient("The client_assertion is not a valid JWT.");
        CompactJws jws = CompactJws.parse(assertion, malformed);
        JsonNode header = jws.header();
        JsonNode claims = jws.claims();
        String issuer = claims.path("iss").asText("");
        if (issuer.isEmpty() || !issuer.equals(claims.path("sub").asText(""))) {
            throw OAuthError.invalidClient("The client_assertion token must have iss and sub equal to the client_id.");
        }
        RegisteredClient client = clients.apply(issuer);
        if (client == null) {
            throw OAuthError.invalidClient("The client_id is not valid.");
        }
        String algorithm = header.path("alg").asText("");
        if (!algorithm.equals(client.algorithm())) {
            throw OAuthError.invalidClient("The client_assertion token's alg does not match the registered key.");
        }
        JsonNode keyId = header.get("kid");
        if (keyId != null && !keyId.asText("").equals(client.keyId())) {
            throw OAuthError.invalidClient("The client_assertion token's kid does not match a registered key.");
        }
        if (header.has("typ") && !header.path("typ").asText("").equalsIgnoreCase("JWT")) {
            throw OAuthError.invalidClient("The client_assertion token's typ must be JWT.");
        }
        if (!jws.signedBy(client.algorithm(), client.publicKey(), malformed)) {
            throw OAuthError.invalidClient("The client_assertion signature is invalid.");
        }
        if (!audienceIs(claims.get("aud"), tokenUrl)) {
            throw OAuthError.invalidClient("The audience of the client_assertion token is invalid; it must be " + tokenUrl + ".");
        }
        Instant now = clock.instant();
        Instant expires = instant(claims, "exp");
        if (expires == null) {
            throw OAuthError.invalidClient("The client_assertion token must have an exp claim.");
        }
        if (!expires.isAfter(now)) {
            throw OAuthError.invalidClient("The client_assertion token is expired.");
        }
        if (expires.isAfter(now.plus(MAX_LIFETIME))) {
            throw OAuthError.invalidClient("The client_assertion token has an expiration too far in the future.");
        }
        Instant issuedAt = instant(claims, "iat");
        Instant notBefore = instant(claims, "nbf");
        if ((issuedAt != null && issuedAt.isAfter(now.plus(CLOCK_SKEW)))
                || (notBefore != null && notBefore.isAfter(now.plus(CLOCK_SKEW)))) {
            throw OAuthError.invalidClient("The client_assertion token is not valid yet.");
        }
        String jti = claims.path("jti").asText("");
        if (jti.isEmpty()) {
            throw OAuthError.invalidClient("The client_assertion token must have a jti claim.");
        }
        forgetExpired(now);
        if (usedJtis.putIfAbsent(client.clientId() + " " + jti, expires) != null) {
            throw OAuthError.invalidClient("The client_assertion token has already been used (jti replay).");
        }
        return client;
    }

    void reset() {
        usedJtis.clear();
    }


    private static boolean audienceIs(JsonNode audience, String tokenUrl) {
        if (audience == null) {
            return false;
        }
        if (audience.isTextual()) {
            return audience.asText().equals(tokenUrl);
        }
        if (audience.isArray()) {
            for (JsonNode one : audience) {
                if (one.isTextual() && one.asText().equals(tokenUrl)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Instant instant(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw OAuthError.invalidClient("The client_assertion token's " + name + " must be a number of seconds.");
        }
        return Instant.ofEpochSecond(value.asLong());
    }

    private void forgetExpired(Instant now) {
        for (Iterator<Instant> expiries = usedJtis.values().iterator(); expiries.hasNext(); ) {
            if (!expiries.next().isAfter(now)) {
                expiries.remove();
            }
        }
    }
}
