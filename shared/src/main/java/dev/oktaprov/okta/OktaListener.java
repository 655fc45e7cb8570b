package dev.oktaprov.okta;

import java.time.Duration;

/** Observes the client for metrics and progress displays. Called on the calling thread. */
public interface OktaListener {
    OktaListener NONE = new OktaListener() {};

    /** The client is about to wait {@code wait} for {@code bucket}'s reset (429 or budget spent). */
    default void onThrottleWait(String bucket, Duration wait) {}

    /** Okta answered; {@code requestId} may be null. */
    default void onResponse(String method, String bucket, int status, Duration latency, String requestId) {}

    /** Attempt {@code nextAttempt} will follow because of {@code reason} (e.g. "HTTP 503", "I/O"). */
    default void onRetry(String method, String bucket, int nextAttempt, String reason) {}
}
