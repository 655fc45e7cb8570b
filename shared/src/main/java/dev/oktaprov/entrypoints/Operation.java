package dev.oktaprov.entrypoints;

import dev.oktaprov.entrypoints.http.HttpApiRequest;
import dev.oktaprov.time.Deadline;
import java.util.List;
import java.util.Map;

/**
 * One function's work, reachable from both callers: read its input from an HTTP API request or
 * from a direct invocation's input, then run it. Input problems are thrown as
 * {@link dev.oktaprov.errors.InvalidInputException} (or, for HTTP only,
 * {@link dev.oktaprov.entrypoints.http.HttpApiException}).
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

    /**
     * Sample events that take the operation's whole path before a SnapStart snapshot: an HTTP API
     * event ({@link Priming#httpEvent}) and a direct input, made-up data only. They run with a
     * deadline that has passed, so nothing reaches Okta.
     */
    List<Map<String, Object>> primingEvents();
}
