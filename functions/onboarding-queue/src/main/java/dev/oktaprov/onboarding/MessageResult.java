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
        /** The batch stopped before this message: throttled elsewhere, or too little time left. */
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
        return outcome == Outcome.THROTTLED || outcome == Outcome.NOT_STARTED;
    }

    Duration retryAfter() {
        return failure == null ? Duration.ZERO : failure.retryAfter();
    }
}
