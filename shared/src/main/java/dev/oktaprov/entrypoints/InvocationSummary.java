package dev.oktaprov.entrypoints;

import dev.oktaprov.entrypoints.http.ApiErrors;
import dev.oktaprov.errors.OktaProvisioningException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** An invocation's one summary log line: caller, outcome, http_status, okta_request_id and duration_ms. */
final class InvocationSummary {

    private static final Logger LOG = LoggerFactory.getLogger(ApiFunction.class);

    private final String caller;
    private final boolean priming;
    private final long startedNanos;
    private String outcome = ApiErrors.INTERNAL_ERROR;
    private Integer httpStatus;
    private RuntimeException failure;

    InvocationSummary(String caller, boolean priming, long startedNanos) {
        this.caller = caller;
        this.priming = priming;
        this.startedNanos = startedNanos;
    }

    boolean priming() {
        return priming;
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

    void log(String lastOktaRequestId) {
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
            if (priming) {
                LOG.debug("Invocation answered: {}", outcome);
            } else if (failure != null && ApiErrors.isUnexpected(failure)) {
                // A bug: its text and stack belong in the log (and only there).
                LOG.error("Invocation failed unexpectedly: {}", outcome, failure);
            } else if (failure != null && isTroubling(httpStatus != null ? httpStatus : ApiErrors.status(failure))) {
                LOG.warn("Invocation answered: {}", outcome);
            } else {
                LOG.info("Invocation answered: {}", outcome);
            }
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }

    /** Throttling and upstream or own failures; a caller's mistake is not a warning. */
    private static boolean isTroubling(int status) {
        return status >= 500 || status == 429;
    }
}
