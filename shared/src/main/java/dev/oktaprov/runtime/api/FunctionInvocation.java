package dev.oktaprov.runtime.api;

import com.amazonaws.services.lambda.runtime.Context;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.errors.LoginConflictException;
import dev.oktaprov.errors.OktaProvisioningException;
import dev.oktaprov.errors.RateLimitedException;
import dev.oktaprov.ratelimit.Deadline;
import dev.oktaprov.runtime.LambdaLogging;
import dev.oktaprov.runtime.ProvisioningMetrics;
import dev.oktaprov.runtime.ProvisioningRuntime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The plumbing every API function shares, around one {@link Operation}: tells the caller apart
 * (HTTP API event or direct input), computes the deadline (remaining time minus the safety margin),
 * logs through Powertools with a correlation id, answers HTTP with a response map and direct callers
 * with the result object or the typed exception, counts outcomes and flushes the metrics.
 *
 * <p>Correlation id: the API Gateway request id for HTTP; for a direct invocation the input's
 * optional {@code correlationId} (removed before the operation sees the input), else the Lambda
 * request id. One summary line per invocation carries {@code caller}, {@code outcome},
 * {@code http_status}, {@code okta_request_id} and {@code duration_ms}.
 */
public final class FunctionInvocation {

    public static final String CORRELATION_ID_FIELD = "correlationId";

    private static final Logger LOG = LoggerFactory.getLogger(FunctionInvocation.class);

    private final ProvisioningRuntime runtime;
    private final ApiRoute route;

    public FunctionInvocation(ProvisioningRuntime runtime, ApiRoute route) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.route = Objects.requireNonNull(route, "route");
    }

    public ProvisioningRuntime runtime() {
        return runtime;
    }

    public ApiRoute route() {
        return route;
    }

    /** Answers one invocation; for a direct caller a failure is thrown as the core's typed exception. */
    public <I> Map<String, Object> handle(Map<String, Object> event, Context context, Operation<I> operation) {
        return handle(event, context, operation, false);
    }

    /**
     * For a SnapStart {@code beforeCheckpoint}: runs {@code httpEvent} and {@code directInput}
     * through the whole path with a deadline that has already passed, so the Okta client gives up
     * before it asks for credentials or opens a connection. Loads and initialises what a first
     * request needs (the credential source's client, Jackson, logging, validation, responses)
     * without counting metrics, then drops any cached credential.
     */
    public <I> void prime(Operation<I> operation, Map<String, Object> httpEvent, Map<String, Object> directInput) {
        try {
            runtime.credentials().prime();
            Priming.primeJackson(httpEvent);
            handle(httpEvent, Priming.context(), operation, true);
            try {
                handle(directInput, Priming.context(), operation, true);
            } catch (RuntimeException expected) {
                // The expired deadline, or the input's own problem: either way the path is loaded.
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Priming before the SnapStart checkpoint failed: {}", e.toString());
        } finally {
            runtime.credentials().invalidate();
        }
    }

    /** For a SnapStart {@code afterRestore}: nothing cached from before the snapshot is trusted. */
    public void afterRestore() {
        runtime.credentials().invalidate();
    }

    private <I> Map<String, Object> handle(Map<String, Object> event, Context context, Operation<I> operation,
            boolean priming) {
        long started = System.nanoTime();
        boolean http = HttpApiRequest.isHttpApiEvent(event);
        String correlationId = http ? HttpApiRequest.requestIdOf(event) : directCorrelationId(event, context);
        return LambdaLogging.withLogging(context, correlationId, () -> {
            ProvisioningMetrics metrics = runtime.metrics();
            metrics.forgetOktaRequestId();
            Summary summary = new Summary(http ? "http" : "direct", priming);
            try {
                Deadline deadline = runtime.deadline(context.getRemainingTimeInMillis());
                return http ? answerHttp(event, operation, deadline, summary)
                        : answerDirect(directInput(event), operation, deadline, summary);
            } finally {
                summary.log(started, metrics.lastOktaRequestId().orElse(null));
                if (!priming) {
                    metrics.flush();
                }
            }
        });
    }

    private <I> Map<String, Object> answerHttp(Map<String, Object> event, Operation<I> operation, Deadline deadline,
            Summary summary) {
        String requestId = HttpApiRequest.requestIdOf(event);
        try {
            HttpApiRequest request = route.match(HttpApiRequest.from(event));
            OperationResult result = operation.run(operation.fromHttp(request), deadline);
            summary.succeeded(result.outcome(), result.status());
            return result.toHttpResponse().toMap();
        } catch (RuntimeException failure) {
            summary.failed(failure, ApiErrors.status(failure));
            count(failure, summary.priming);
            return ApiErrors.response(failure, requestId).toMap();
        }
    }

    private <I> Map<String, Object> answerDirect(Map<String, Object> input, Operation<I> operation, Deadline deadline,
            Summary summary) {
        try {
            OperationResult result = operation.run(operation.fromDirect(input), deadline);
            summary.succeeded(result.outcome(), null);
            return new LinkedHashMap<>(result.body());
        } catch (RuntimeException failure) {
            summary.failed(failure, null);
            count(failure, summary.priming);
            throw failure;
        }
    }

    private void count(RuntimeException failure, boolean priming) {
        if (priming) {
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

    private static Map<String, Object> directInput(Map<String, Object> event) {
        Map<String, Object> input = new LinkedHashMap<>(event == null ? Map.of() : event);
        input.remove(CORRELATION_ID_FIELD);
        return input;
    }

    private static String directCorrelationId(Map<String, Object> event, Context context) {
        Object given = event == null ? null : event.get(CORRELATION_ID_FIELD);
        return given instanceof String id && !id.isBlank() && id.length() <= 200 ? id : context.getAwsRequestId();
    }

    /** The invocation's one summary log line. */
    private static final class Summary {
        private final String caller;
        private final boolean priming;
        private String outcome = ApiErrors.INTERNAL_ERROR;
        private Integer httpStatus;
        private RuntimeException failure;

        Summary(String caller, boolean priming) {
            this.caller = caller;
            this.priming = priming;
        }

        void succeeded(String outcome, Integer httpStatus) {
            this.outcome = outcome;
            this.httpStatus = httpStatus;
        }

        void failed(RuntimeException failure, Integer httpStatus) {
            this.failure = failure;
            this.outcome = ApiErrors.code(failure);
            this.httpStatus = httpStatus;
        }

        void log(long startedNanos, String lastOktaRequestId) {
            // The failing answer's id first: a refusal by the token endpoint never reaches the metrics listener.
            String oktaRequestId = failure instanceof OktaProvisioningException known && known.oktaRequestId().isPresent()
                    ? known.oktaRequestId().get() : lastOktaRequestId;
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("caller", priming ? "snapstart-priming" : caller);
            fields.put("outcome", outcome);
            if (httpStatus != null) {
                fields.put("http_status", httpStatus.toString());
            }
            if (oktaRequestId != null) {
                fields.put("okta_request_id", oktaRequestId);
            }
            fields.put("duration_ms", Long.toString((System.nanoTime() - startedNanos) / 1_000_000));
            fields.forEach(MDC::put);
            try {
                if (failure != null && ApiErrors.isUnexpected(failure) && !priming) {
                    // A bug: its text and stack belong in the log (and only there).
                    LOG.error("Invocation failed unexpectedly: {}", outcome, failure);
                } else if (priming) {
                    LOG.debug("Invocation answered: {}", outcome);
                } else if (isTroubling()) {
                    LOG.warn("Invocation answered: {}", outcome);
                } else {
                    LOG.info("Invocation answered: {}", outcome);
                }
            } finally {
                fields.keySet().forEach(MDC::remove);
            }
        }

        /** Throttling and upstream or own failures; a caller's mistake is not a warning. */
        private boolean isTroubling() {
            if (failure == null) {
                return false;
            }
            int status = httpStatus != null ? httpStatus : ApiErrors.status(failure);
            return status >= 500 || status == 429;
        }
    }
}
