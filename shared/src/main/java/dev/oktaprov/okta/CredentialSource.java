package dev.oktaprov.okta;

/**
 * Where the client gets its {@code Authorization} header. Implementations cache; the client calls
 * {@link #invalidate()} once when Okta answers 401, then asks again (a rotated token, an expired
 * OAuth access token).
 */
public interface CredentialSource {

    /** The full header value, e.g. {@code SSWS <token>}. Never logged. */
    String authorizationHeader();

    /** Forget any cached credential so the next {@link #authorizationHeader()} fetches a fresh one. */
    void invalidate();

    /**
     * For a SnapStart {@code beforeCheckpoint}: load and run, without fetching or caching any
     * credential and without reaching the network, the code a first fetch needs, so that the first
     * request after a restore does not pay for it. Nothing to do by default.
     */
    default void prime() {
    }
}
