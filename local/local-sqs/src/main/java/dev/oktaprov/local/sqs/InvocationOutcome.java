package dev.oktaprov.local.sqs;

/** How one invocation of the function ended, as the event source mapping judges it. */
public enum InvocationOutcome {
    /** Returned with no batch item failures (or failure reporting is off): every message deleted. */
    SUCCESS,
    /** Returned naming some messages as failed: the others deleted, those left for redelivery. */
    BATCH_ITEM_FAILURES,
    /** The handler threw: the whole batch left for redelivery. */
    FUNCTION_ERROR,
    /** The response broke Lambda's partial batch rules (unknown, null or empty id): whole batch left. */
    INVALID_RESPONSE,
    /** The handler returned after its deadline; Lambda would have stopped it: whole batch left. */
    TIMEOUT
}
