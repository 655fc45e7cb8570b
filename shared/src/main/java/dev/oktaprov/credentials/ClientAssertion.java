package dev.oktaprov.credentials;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktaprov.okta.OktaJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The {@code private_key_jwt} client assertion (RFC 7523) a service app presents to Okta's token
 * endpoint: a compact JWS, header {@code {"alg","kid","typ":"JWT"}}, claims {@code iss} = {@code sub}
 * = client id, {@code aud} = the token endpoint URL, {@code iat}, {@code exp}, and a fresh
 * {@code jti} Okta uses to refuse replays. The result is a credential: it is sent, never logged.
 */
public final class ClientAssertion {

    /** Okta accepts at most one hour; a short life limits what a captured assertion is worth. */
    public static final Duration LIFETIME = Duration.ofMinutes(5);

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private ClientAssertion() {}

    public static String create(ServiceAppCredentials app, String audience, Instant now, UUID jti) {
        ObjectNode header = OktaJson.MAPPER.createObjectNode()
                .put("alg", app.signingKey().algorithm().name())
                .put("kid", app.keyId())
                .put("typ", "JWT");
        long issuedAt = now.getEpochSecond();
        ObjectNode claims = OktaJson.MAPPER.createObjectNode()
                .put("iss", app.clientId())
                .put("sub", app.clientId())
                .put("aud", audience)
                .put("iat", issuedAt)
                .put("exp", issuedAt + LIFETIME.toSeconds())
                .put("jti", jti.toString());
        return compact(app.signingKey(), header, claims);
    }

    /** The compact JWS of {@code header} and {@code claims}, signed with {@code key}; also signs DPoP proofs. */
    static String compact(SigningKey key, ObjectNode header, ObjectNode claims) {
        String signingInput = encode(header) + "." + encode(claims);
        return signingInput + "." + base64url(key.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    static String base64url(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }

    private static String encode(ObjectNode json) {
        try {
            return base64url(OktaJson.MAPPER.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JWS", e);
        }
    }
}
