package dev.oktaprov.onboarding;

import java.time.Duration;
import java.util.Objects;

/**
 * What happened to one message of the batch.
 *
 * @param failure why it did not succeed; null for {@link Outcome#CREATED} and {@link Outcome#ALREADY_EXISTED}
 */
record MessageResult(HireMessage hire, Outcome outcome, Failure failure) {

    enum Outcome {
        CREATED,
        /** A redelivery, or a retry after a lost answer, found its own user. */
        ALREADY_EXISTED,
        /** A permanent failure, now in the DLQ with its reason. */
        DEAD_LETTERED,
        /** A permanent failure the DLQ did not take: back to the queue, never lost. */
        DEAD_LETTER_FAILED,
        /** A transient failure: back to the queue with a backoff. */
        RETRY_LATER,
        /** Okta's budget was spent with no time left to wait. */
        THROTTLED,
        /** The deployment's credentials were refused: kept in the queue until a person fixes them. */
        CONFIGURATION_FAILED,
        /** The batch stopped before this message (throttled, credentials refused, an earlier failure of its FIFO group), or too little time was left. */
        NOT_STARTED
    }

    MessageResult {
        Objects.requireNonNull(hire, "hire");
        Objects.requireNonNull(outcome, "outcome");
    }

    QueueMessage message() {
        return hire.message();
    }

    /** Okta did not see this message's create through, for reasons that are not the message's own. */
    boolean deferred() {
        return outcome == Outcome.THROTTLED || outcome == Outcome.NOT_STARTED || outcome == Outcome.CONFIGURATION_FAILED;
    }

    /** Waits for a person to fix the deployment's credentials, however long that takes. */
    boolean heldForConfiguration() {
        return deferred() && failure != null && failure.kind() == Failure.Kind.CONFIGURATION;
    }

    /** Back to the queue one way or another, rather than handled. */
    boolean returnsToQueue() {
        return switch (outcome) {
            case CREATED, ALREADY_EXISTED, DEAD_LETTERED -> false;
            case DEAD_LETTER_FAILED, RETRY_LATER, THROTTLED, CONFIGURATION_FAILED, NOT_STARTED -> true;
        };
    }

    Duration retryAfter() {
        return failure == null ? Duration.ZERO : failure.retryAfter();
    }
}
