package dev.oktaprov.simulator.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.simulator.security.TestServiceApp.Parts;
import dev.oktaprov.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A DPoP client as the tests play it, written from RFC 9449 and not from the simulator: a service
 * app (the client assertion's key) and a separate DPoP key, the token endpoint's three steps, and
 * proofs for /api requests with {@code ath}.
 */
final class DpopClient {

    static final String SCOPES = "okta.users.read okta.users.manage";

    final TestServiceApp app;
    final TestServiceApp dpopKey;
    private final TokenEndpoint endpoint;
    private final MutableClock clock;

    DpopClient(TestServiceApp app, TestServiceApp dpopKey, TokenEndpoint endpoint, MutableClock clock) {
        this.app = app;
        this.dpopKey = dpopKey;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** A token request with a fresh client assertion and, when not null, this proof. */
    TokenEndpoint.Answer tokenRequest(String proof) {
        Map<String, String> form = TokenEndpoint.form(SCOPES, app.assertion(endpoint.url(), clock.instant()));
        return endpoint.post(form, proof == null ? Map.of() : Map.of("DPoP", proof));
    }

    /** A token-endpoint proof with {@code nonce} (none when null), changed by {@code edit}. */
    String tokenProof(String nonce, Consumer<Parts> edit) {
        return dpopKey.dpopProof("POST", endpoint.url(), clock.instant(), parts -> {
            if (nonce != null) {
                parts.claims.put("nonce", nonce);
            }
            edit.accept(parts);
        });
    }

    /** The second step's nonce: a valid proof without one is answered use_dpop_nonce and a DPoP-Nonce header. */
    String nonce() {
        TokenEndpoint.Answer answer = tokenRequest(tokenProof(null, parts -> { }));
        assertThat(answer.error()).as(answer.body()).isEqualTo("use_dpop_nonce");
        return answer.header("DPoP-Nonce");
    }

    /** The whole handshake; the DPoP-bound access token. */
    String accessToken() {
        TokenEndpoint.Answer answer = tokenRequest(tokenProof(nonce(), parts -> { }));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("token_type").asText()).isEqualTo("DPoP");
        return answer.json().path("access_token").asText();
    }

    /** An /api proof for {@code token}, changed by {@code edit}. */
    String apiProof(String method, String url, String token, Consumer<Parts> edit) {
        return dpopKey.dpopProof(method, url, clock.instant(), parts -> {
            parts.claims.put("ath", ath(token));
            edit.accept(parts);
        });
    }

    /** {@code Authorization: DPoP <token>} with {@code proof}. */
    TokenEndpoint.Answer api(String method, String pathAndQuery, String token, String proof, String json) {
        return endpoint.api(method, pathAndQuery, "DPoP " + token, json, Map.of("DPoP", proof));
    }

    static String ath(String token) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(token));
    }

    /** RFC 7638 thumbprint of the DPoP key, computed here from its JWK. */
    String thumbprint() {
        var jwk = dpopKey.publicJwk();
        String canonical = jwk.path("kty").asText().equals("EC")
                ? "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + jwk.path("x").asText() + "\",\"y\":\"" + jwk.path("y").asText() + "\"}"
                : "{\"e\":\"" + jwk.path("e").asText() + "\",\"kty\":\"RSA\",\"n\":\"" + jwk.path("n").asText() + "\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(canonical));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
