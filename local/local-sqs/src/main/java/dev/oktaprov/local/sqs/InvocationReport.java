package dev.oktaprov.local.sqs;

import java.util.List;
import java.util.Objects;

/**
 * What one invocation did to the queue.
 *
 * @param awsRequestId the request id the handler's context carried
 * @param outcome how the invocation ended
 * @param messageIds the batch, in the order the handler saw it
 * @param deletedMessageIds messages deleted from the queue after the invocation
 * @param returnedMessageIds messages left in the queue for redelivery (failed, or the whole batch
 *     when the invocation failed); a message whose deletion failed is in neither list
 * @param detail why the batch failed (exception, invalid response, timeout); empty on success
 */
public record InvocationReport(
        String awsRequestId,
        InvocationOutcome outcome,
        List<String> messageIds,
        List<String> deletedMessageIds,
        List<String> returnedMessageIds,
        String detail) {

    public InvocationReport {
        Objects.requireNonNull(awsRequestId, "awsRequestId");
        Objects.requireNonNull(outcome, "outcome");
        messageIds = List.copyOf(messageIds);
        deletedMessageIds = List.copyOf(deletedMessageIds);
        returnedMessageIds = List.copyOf(returnedMessageIds);
        Objects.requireNonNull(detail, "detail");
    }
}
