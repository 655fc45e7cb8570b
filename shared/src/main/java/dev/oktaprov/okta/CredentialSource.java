package dev.oktaprov.okta;

import dev.oktaprov.time.Deadline;
import java.net.URI;
import java.util.Map;

/**
 * Where the client gets the headers that authorize a request. Implementations cache. When Okta answers
 * 401 the client calls {@link #invalidate(String)} with the {@code Authorization} value it sent, then
 * asks again (a rotated token, an expired OAuth access token).
 */
public interface CredentialSource {

    /**
     * The full header value, e.g. {@code SSWS <token>}. Never logged. Whatever it has to fetch (the
     * secret, an access token) it fetches within {@code deadline}, or fails with a transient error.
     */
    String authorizationHeader(Deadline deadline);

    /**
     * The headers for one request, {@code method} on {@code uri}: {@code Authorization}, and for a
     * DPoP-bound token a fresh {@code DPoP} proof. Never logged. A source that wraps another passes this on.
     */
    default Map<String, String> headers(String method, URI uri, Deadline deadline) {
        return Map.of("Authorization", authorizationHeader(deadline));
    }

    /**
     * Okta refused {@code rejectedHeader}: forget the cached credential if it is still that one, so
     * the next {@link #authorizationHeader} fetches a fresh one. When N threads are refused at once,
     * the first forgets and fetches; the others find a credential newer than theirs and keep it.
     */
    void invalidate(String rejectedHeader);

    /** Forget any cached credential, whichever it is (a SnapStart restore). */
    void invalidate();

    /**
     * For a SnapStart {@code beforeCheckpoint}: load and run, without fetching or caching any
     * credential and without reaching the network, the code a first fetch needs, so that the first
     * request after a restore does not pay for it. Nothing to do by default.
     */
    default void prime() {
    }
}
