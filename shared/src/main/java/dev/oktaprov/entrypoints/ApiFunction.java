package dev.oktaprov.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.oktaprov.entrypoints.direct.DirectAdapter;
import dev.oktaprov.entrypoints.http.ApiErrors;
import dev.oktaprov.entrypoints.http.HttpApiAdapter;
import dev.oktaprov.entrypoints.http.HttpApiException;
import dev.oktaprov.entrypoints.http.HttpApiResponse;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.errors.LoginConflictException;
import dev.oktaprov.errors.RateLimitedException;
import dev.oktaprov.runtime.LambdaLogging;
import dev.oktaprov.runtime.ProvisioningMetrics;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.time.Deadline;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An API function's edge, around one {@link Operation}: the event's bytes in, the answer's bytes out. Tells
 * the two triggers apart ({@link HttpApiAdapter}; {@link DirectAdapter} for anything else), logs with a
 * correlation id (the API Gateway request id, or the direct input's {@code correlationId}, else the Lambda
 * request id) and one {@link InvocationSummary} line, counts outcomes and flushes the metrics.
 *
 * @param <I> the operation's input
 */
public final class ApiFunction<I> implements FunctionHandler.Edge {

    private static final Logger LOG = LoggerFactory.getLogger(ApiFunction.class);

    private final ProvisioningRuntime runtime;
    private final Operation<I> operation;

    public ApiFunction(ProvisioningRuntime runtime, Operation<I> operation) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.operation = Objects.requireNonNull(operation, "operation");
    }

    @Override
    public void handle(InputStream event, OutputStream answer, Context context) throws IOException {
        answer(read(event), answer, context, false);
    }

    /**
     * Runs the {@link Operation#primingEvents()} from bytes to bytes with a deadline that has passed, so the
     * Okta client gives up before it asks for credentials or opens a connection; counts no metrics.
     */
    @Override
    public void prime() {
        try {
            runtime.credentials().prime();
            Priming.primeJackson();
            for (Map<String, Object> event : operation.primingEvents()) {
                byte[] bytes = JsonValues.toJson(event, NullMembers.KEEP).getBytes(StandardCharsets.UTF_8);
                try {
                    answer(read(new ByteArrayInputStream(bytes)), OutputStream.nullOutputStream(), Priming.context(), true);
                } catch (RuntimeException expected) {
                    // A direct caller's failure (the expired deadline, the input's own problem): the path is loaded.
                }
            }
        } catch (RuntimeException | LinkageError | IOException e) {
            LOG.warn("Priming before the SnapStart checkpoint failed: {}", e.toString());
        } finally {
            runtime.credentials().invalidate();
        }
    }

    @Override
    public void afterRestore() {
        runtime.credentials().invalidate();
    }

    private static Object read(InputStream event) throws IOException {
        byte[] bytes = event.readAllBytes();
        if (bytes.length == 0) {
            // No payload at all: an empty input, as a JSON null is.
            return null;
        }
        try {
            return JsonValues.read(bytes);
        } catch (JsonProcessingException e) {
            // Never an HTTP API event (API Gateway sends valid JSON): a direct input that is refused.
            return DirectAdapter.UNREADABLE;
        }
    }

    private void answer(Object event, OutputStream out, Context context, boolean priming) throws IOException {
        long started = System.nanoTime();
        boolean http = HttpApiAdapter.accepts(event);
        String correlationId = http ? HttpApiAdapter.requestId(event) : DirectAdapter.correlationId(event, context);
        InvocationSummary summary = new InvocationSummary(http ? "http" : "direct", priming, started);
        try {
            LambdaLogging.withLogging(context, correlationId, () -> {
                ProvisioningMetrics metrics = runtime.metrics();
                metrics.forgetOktaRequestId();
                try {
                    Deadline deadline = runtime.deadline(context.getRemainingTimeInMillis());
                    if (http) {
                        answerHttp(event, deadline, summary, out);
                    } else {
                        answerDirect(event, deadline, summary, out);
                    }
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    summary.log(metrics.lastOktaRequestId().orElse(null));
                    if (!priming) {
                        metrics.flush();
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void answerHttp(Object event, Deadline deadline, InvocationSummary summary, OutputStream out) throws IOException {
        HttpApiResponse response;
        try {
            OperationResult result = operation.run(operation.fromHttp(HttpApiAdapter.request(event)), deadline);
            response = HttpApiResponse.of(result.status(), result.headers(), result.body());
            summary.succeeded(result.outcome(), response.statusCode());
        } catch (RuntimeException failure) {
            response = ApiErrors.response(failure, HttpApiAdapter.requestId(event));
            failed(failure, response.statusCode(), summary);
        }
        response.writeTo(out);
    }

    private void answerDirect(Object event, Deadline deadline, InvocationSummary summary, OutputStream out) throws IOException {
        try {
            OperationResult result = operation.run(operation.fromDirect(DirectAdapter.input(event)), deadline);
            summary.succeeded(result.outcome(), null);
            DirectAdapter.writeResult(result, out);
        } catch (RuntimeException failure) {
            failed(failure, null, summary);
            throw failure;
        }
    }

    private void failed(RuntimeException failure, Integer httpStatus, InvocationSummary summary) {
        summary.failed(failure, httpStatus);
        if (summary.priming()) {
            return;
        }
        ProvisioningMetrics metrics = runtime.metrics();
        if (failure instanceof InvalidInputException || isBadBody(failure)) {
            metrics.invalidInput();
        } else if (failure instanceof LoginConflictException) {
            metrics.loginConflict();
        } else if (failure instanceof RateLimitedException) {
            // The client counts the waits it makes; giving up for want of time is a throttle too.
            metrics.oktaThrottled();
        }
    }

    private static boolean isBadBody(RuntimeException failure) {
        return failure instanceof HttpApiException api
                && (api.code().equals(HttpApiException.MALFORMED_JSON) || api.code().equals(HttpApiException.PAYLOAD_TOO_LARGE));
    }
}
