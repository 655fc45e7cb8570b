package dev.oktaprov.onboarding;

/** What happened to one message of the batch: how it was handled, or why it goes back to the queue. */
enum MessageOutcome {
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
