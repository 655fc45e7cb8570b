package dev.oktaprov.local.sqs;

/**
 * A snapshot of what an {@link EventSourceMapping} has done since it started.
 *
 * @param invocations handler invocations (one per batch)
 * @param messagesReceived messages handed to the handler, redeliveries counted again
 * @param messagesDeleted messages deleted after an invocation
 * @param messagesReturned messages left for redelivery (reported failed, or in a failed batch)
 * @param functionErrors invocations whose handler threw
 * @param invalidResponses invocations whose response broke the partial batch rules
 * @param timeouts invocations that returned after the function timeout
 * @param pollErrors ReceiveMessage calls that failed (the poller backs off and retries)
 * @param deleteErrors messages whose deletion failed (they come back after their visibility timeout)
 * @param recursiveInvocationsDropped messages not handed to the function because their chain had
 *     invoked it 16 times and the function does not allow recursive loops (Lambda's
 *     {@code RecursiveInvocationsDropped}); each went to the queue's DLQ, or was deleted without one
 */
public record MappingCounters(
        long invocations,
        long messagesReceived,
        long messagesDeleted,
        long messagesReturned,
        long functionErrors,
        long invalidResponses,
        long timeouts,
        long pollErrors,
        long deleteErrors,
        long recursiveInvocationsDropped) {
}
