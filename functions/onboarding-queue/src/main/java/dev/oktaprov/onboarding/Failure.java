package dev.oktaprov.onboarding;

import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.errors.LoginConflictException;
import dev.oktaprov.errors.OktaAccessDeniedException;
import dev.oktaprov.errors.OktaProvisioningException;
import dev.oktaprov.errors.RateLimitedException;
import dev.oktaprov.errors.SecretsUnavailableException;
import dev.oktaprov.errors.UserNotActivatableException;
import java.time.Duration;
import java.util.Set;

/**
 * Why a message did not become a user, and what that means for it.
 *
 * @param kind what to do with the message
 * @param code a stable machine code (the DLQ's {@code errorCode})
 * @param message for humans; never a secret, a password or a raw login
 * @param oktaRequestId the {@code X-Okta-Request-Id} of Okta's answer, or null
 * @param retryAfter for {@link Kind#THROTTLED}: when Okta's budget is back (see {@link #NO_RESET_WAIT}); else zero
 */
record Failure(Kind kind, String code, String message, String oktaRequestId, Duration retryAfter) {

    enum Kind {
        /** The message itself is wrong: retrying cannot help. To the DLQ at once. */
        PERMANENT,
        /** Okta or the environment failed this time: retry later through the queue. */
        TRANSIENT,
        /** Okta's budget is spent and there is no time left to wait for it. */
        THROTTLED,
        /**
         * The deployment's credentials or configuration were refused: no message can succeed until a
         * person fixes them, so none is dead-lettered and the whole backlog waits in the queue.
         */
        CONFIGURATION
    }

    static final String MALFORMED_JSON = "MALFORMED_JSON";
    static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    static final String SECRETS_UNAVAILABLE = "SECRETS_UNAVAILABLE";
    static final String WORKFLOW_UNAVAILABLE = "WORKFLOW_UNAVAILABLE";

    // Okta's "you do not have permission" and the token endpoint's "scope not granted to the app".
    private static final Set<String> REFUSED_PERMISSIONS = Set.of("E0000006", "invalid_scope");
    /** Okta's rate-limit window: what a throttle without a reset waits, as a per-minute one waits for a later window. */
    private static final Duration NO_RESET_WAIT = Duration.ofMinutes(1);

    Failure {
        retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
    }

    static Failure permanent(String code, String message) {
        return new Failure(Kind.PERMANENT, code, message, null, Duration.ZERO);
    }

    /**
     * The message's fault is permanent; a refusal of the deployment's credentials (a 401 after a fresh fetch, a
     * missing scope or permission, a bad secret) is configuration; anything unknown is transient (redrive bounds it).
     */
    static Failure of(RuntimeException failure) {
        if (failure instanceof RateLimitedException throttled) {
            return new Failure(Kind.THROTTLED, throttled.code(), throttled.getMessage(),
                    throttled.oktaRequestId().orElse(null), waitAfter(throttled));
        }
        if (failure instanceof InvalidInputException || failure instanceof LoginConflictException
                || failure instanceof UserNotActivatableException) {
            return of(Kind.PERMANENT, (OktaProvisioningException) failure);
        }
        if (failure instanceof OktaAccessDeniedException denied) {
            return of(refusesTheDeployment(denied) ? Kind.CONFIGURATION : Kind.PERMANENT, denied);
        }
        if (failure instanceof ConfigurationException configuration) {
            // Its message names a variable, never a value.
            return of(Kind.CONFIGURATION, configuration);
        }
        if (failure instanceof OktaProvisioningException known) {
            return of(Kind.TRANSIENT, known);
        }
        if (failure instanceof ActivationWorkflow.WorkflowUnavailableException workflow) {
            return new Failure(Kind.TRANSIENT, WORKFLOW_UNAVAILABLE, workflow.getMessage(), null, null);
        }
        // A bug: its message may quote anything, so only the type travels.
        return new Failure(Kind.TRANSIENT, INTERNAL_ERROR, "Unexpected " + failure.getClass().getSimpleName(), null, null);
    }

    /**
     * Until Okta's reset; without one (its concurrency limit) at least a window: the client's backoff
     * is seconds, and copies re-sent that soon would spend {@code ONBOARDING_MAX_RESENDS} in minutes.
     */
    private static Duration waitAfter(RateLimitedException throttled) {
        Duration wait = Duration.ofSeconds(throttled.retryAfterSeconds());
        return throttled.untilReset() || wait.compareTo(NO_RESET_WAIT) >= 0 ? wait : NO_RESET_WAIT;
    }

    private static Failure of(Kind kind, OktaProvisioningException known) {
        return new Failure(kind, known.code(), known.getMessage(), known.oktaRequestId().orElse(null), null);
    }

    private static boolean refusesTheDeployment(OktaAccessDeniedException denied) {
        return denied.httpStatus() == 401
                || denied.oktaErrorCode().map(REFUSED_PERMISSIONS::contains).orElse(false);
    }

    /** No later message of the batch can do better (a {@link SecretsUnavailableException} included). */
    boolean stopsTheBatch() {
        return kind == Kind.THROTTLED || kind == Kind.CONFIGURATION || code.equals(SECRETS_UNAVAILABLE);
    }
}
