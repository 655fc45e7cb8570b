package dev.oktaprov.entrypoints;

import dev.oktaprov.entrypoints.http.HttpApiRequest;
import dev.oktaprov.time.Deadline;
import java.util.List;
import java.util.Map;

/**
 * One function's work, reachable from both callers: its input read from an HTTP API request or a direct input
 * (problems thrown as {@code InvalidInputException}, or for HTTP only {@code HttpApiException}), then run.
 *
 * @param <I> the operation's input
 */
public interface Operation<I> {

    /** The input from an HTTP API request (API Gateway has matched the function's route). */
    I fromHttp(HttpApiRequest request);

    /** The input from a direct invocation (Step Functions), without {@code correlationId}. */
    I fromDirect(Map<String, Object> input);

    /** Calls the use case within {@code deadline}. */
    OperationResult run(I input, Deadline deadline);

    /** Made-up events (HTTP API, {@link Priming#httpEvent}, and direct) that load the whole path before a snapshot. */
    List<Map<String, Object>> primingEvents();
}
