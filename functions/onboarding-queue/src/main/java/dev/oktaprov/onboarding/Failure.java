package dev.oktaprov.onboarding;

import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.errors.LoginConflictException;
import dev.oktaprov.errors.OktaAccessDeniedException;
import dev.oktaprov.errors.OktaProvisioningException;
import dev.oktaprov.errors.RateLimitedException;
import java.time.Duration;
import java.util.Objects;

/**
 * Why a message did not become a user, and what that means for it.
 *
 * @param kind what to do with the message
 * @param code a stable machine code (the DLQ's {@code errorCode})
 * @param message for humans; never a secret, a password or a raw login
 * @param oktaRequestId the {@code X-Okta-Request-Id} of Okta's answer, or null
 * @param retryAfter for {@link Kind#THROTTLED}: when Okta's budget is back; else zero
 */
record Failure(Kind kind, String code, String message, String oktaRequestId, Duration retryAfter) {

    enum Kind {
        /** The message itself is wrong: retrying cannot help. To the DLQ at once. */
        PERMANENT,
        /** Okta or the environment failed this time: retry later through the queue. */
        TRANSIENT,
        /** Okta's budget is spent and there is no time left to wait for it. */
        THROTTLED
    }

    static final String MALFORMED_JSON = "MALFORMED_JSON";
    static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    /** {@link ConfigurationException#code()}. */
    static final String CONFIGURATION = "CONFIGURATION";

    Failure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
    }

    static Failure permanent(String code, String message) {
        return new Failure(Kind.PERMANENT, code, message, null, Duration.ZERO);
    }

    /**
     * Invalid input, a login that belongs to someone else and missing permissions are the message's
     * fault (or need an admin), so they are permanent. A rejected token (401 after the client has
     * already fetched the secret again) and an unreadable secret are the environment's: transient,
     * so the messages wait in the queue until someone fixes it. Anything unknown is transient too:
     * SQS redrive bounds its retries.
     */
    static Failure of(RuntimeException failure) {
        if (failure instanceof RateLimitedException throttled) {
            return new Failure(Kind.THROTTLED, throttled.code(), throttled.getMessage(),
                    throttled.oktaRequestId().orElse(null), Duration.ofSeconds(throttled.retryAfterSeconds()));
        }
        if (failure instanceof InvalidInputException || failure instanceof LoginConflictException
                || failure instanceof OktaAccessDeniedException denied && denied.httpStatus() == 403) {
            OktaProvisioningException known = (OktaProvisioningException) failure;
            return new Failure(Kind.PERMANENT, known.code(), known.getMessage(), known.oktaRequestId().orElse(null), null);
        }
        if (failure instanceof OktaProvisioningException known) {
            // ConfigurationException included: its message names a variable, never a value.
            return new Failure(Kind.TRANSIENT, known.code(), known.getMessage(), known.oktaRequestId().orElse(null), null);
        }
        // A bug: its message may quote anything, so only the type travels.
        return new Failure(Kind.TRANSIENT, INTERNAL_ERROR, "Unexpected " + failure.getClass().getSimpleName(), null, null);
    }

    /** The function's environment is broken (the secret cannot be read): no later message can do better. */
    boolean isConfiguration() {
        return code.equals(CONFIGURATION);
    }
}
