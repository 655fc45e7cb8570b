package dev.oktaprov.simulator.oauth;

import dev.oktaprov.simulator.auth.AuthDecision;
import dev.oktaprov.simulator.auth.AuthRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * DPoP-bound access tokens for clients with {@code dpop_bound_access_tokens}: at the token endpoint
 * the handshake Okta runs (no proof: invalid_dpop_proof; a proof without a live nonce:
 * use_dpop_nonce with a fresh {@code DPoP-Nonce}; then the key's thumbprint to bind the token to),
 * and on /api the proof every use of a bound token needs. Thread-safe.
 */
final class DpopBinding {

    /** Okta's nonces last about a day (its SDK refreshes after 22 h). */
    static final Duration NONCE_LIFETIME = Duration.ofHours(24);
    /** Live nonces at most; past it the oldest go first, and their clients are simply asked again. */
    static final int MAX_NONCES = 10_000;
    static final String SCHEME = "DPoP";

    private final Clock clock;
    private final DpopProofVerifier verifier;
    private final SecureRandom random = new SecureRandom();
    /** nonce -> when it expires, oldest first. */
    private final LinkedHashMap<String, Instant> nonces = new LinkedHashMap<>();

    DpopBinding(Clock clock) {
        this.clock = clock;
        this.verifier = new DpopProofVerifier(clock);
    }

    /**
     * The token endpoint's part for a client that requires DPoP.
     *
     * @return the thumbprint (RFC 7638) of the proof's key, to bind the new token to
     * @throws OAuthError invalid_dpop_proof, or use_dpop_nonce carrying a fresh nonce
     */
    String bindingFor(List<String> proofs, String tokenUrl) {
        DpopProofVerifier.Proof proof = verifier.verify(proofs, "POST", tokenUrl);
        if (proof.nonce() == null || !nonceLive(proof.nonce())) {
            throw OAuthError.useDpopNonce(newNonce());
        }
        return proof.thumbprint();
    }

    /**
     * Why a request with a token of this server may not proceed as far as DPoP goes, or empty.
     *
     * @param scheme the Authorization scheme the token came with, lower-case ({@code bearer} or {@code dpop})
     */
    Optional<AuthDecision> refusal(IssuedToken issued, String token, String scheme, AuthRequest request) {
        if (!issued.dpopBound()) {
            // A Bearer token presented as DPoP proves nothing about a key it was never bound to.
            return scheme.equals("dpop") ? Optional.of(AuthDecision.dpopRefused("invalid_token")) : Optional.empty();
        }
        if (!scheme.equals("dpop")) {
            return Optional.of(AuthDecision.dpopRefused("invalid_dpop_proof"));
        }
        DpopProofVerifier.Proof proof;
        try {
            proof = verifier.verify(request.dpopProofs(), request.method(), request.url());
        } catch (OAuthError invalid) {
            return Optional.of(AuthDecision.dpopRefused("invalid_dpop_proof"));
        }
        if (!constantTimeEquals(proof.thumbprint(), issued.jkt())) {
            return Optional.of(AuthDecision.dpopRefused("invalid_token"));
        }
        if (proof.ath() == null || !constantTimeEquals(proof.ath(), DpopProofVerifier.accessTokenHash(token))) {
            return Optional.of(AuthDecision.dpopRefused("invalid_dpop_proof"));
        }
        return Optional.empty();
    }

    /** The Authorization scheme, lower-case, when it is one this server's tokens come with; else empty. */
    static Optional<String> scheme(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? "" : authorization.substring(0, space).toLowerCase(Locale.ROOT);
        return scheme.equals("bearer") || scheme.equals("dpop") ? Optional.of(scheme) : Optional.empty();
    }

    synchronized void reset() {
        nonces.clear();
        verifier.reset();
    }

    private synchronized boolean nonceLive(String nonce) {
        Instant expires = nonces.get(nonce);
        return expires != null && clock.instant().isBefore(expires);
    }

    private synchronized String newNonce() {
        Instant now = clock.instant();
        nonces.values().removeIf(expires -> !now.isBefore(expires));
        if (nonces.size() >= MAX_NONCES) {
            nonces.remove(nonces.keySet().iterator().next());
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        nonces.put(nonce, now.plus(NONCE_LIFETIME));
        return nonce;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
