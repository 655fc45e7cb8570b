package dev.oktaprov.onboarding;

import java.time.Duration;

/** What happened to one message of the batch, and why it did not succeed ({@code failure}: null for CREATED, ALREADY_EXISTED). */
record MessageResult(HireMessage hire, MessageOutcome outcome, Failure failure) {

    QueueMessage message() {
        return hire.message();
    }

    /** Okta did not see this message's create through, for reasons that are not the message's own. */
    boolean deferred() {
        return outcome == MessageOutcome.THROTTLED || outcome == MessageOutcome.NOT_STARTED
                || outcome == MessageOutcome.CONFIGURATION_FAILED;
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
