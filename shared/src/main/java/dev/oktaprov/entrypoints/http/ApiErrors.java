package dev.oktaprov.entrypoints.http;

import dev.oktaprov.entrypoints.JsonBody;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.errors.FieldError;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.errors.LoginConflictException;
import dev.oktaprov.errors.NotFoundException;
import dev.oktaprov.errors.OktaAccessDeniedException;
import dev.oktaprov.errors.OktaProvisioningException;
import dev.oktaprov.errors.RateLimitedException;
import dev.oktaprov.errors.SecretsUnavailableException;
import dev.oktaprov.errors.TransientUpstreamException;
import dev.oktaprov.errors.UnexpectedOktaException;
import dev.oktaprov.errors.UserNotActivatableException;
import dev.oktaprov.okta.LoginAlreadyExistsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Failures as HTTP API answers: a status and a JSON body
 * {@code {"code", "message", "details": [{"field", "message"}], "oktaRequestId", "requestId"}}
 * ({@code details} only for invalid input, {@code oktaRequestId} only where Okta answered).
 *
 * <p>Messages of our own exceptions are written for callers and never hold a secret. Anything
 * else is a bug of ours: 500 with a generic message and the request id, never the exception's
 * text or a stack trace.
 */
public final class ApiErrors {

    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private ApiErrors() {}

    public static HttpApiResponse response(Throwable failure, String requestId) {
        Map<String, String> headers = failure instanceof RateLimitedException limited
                ? Map.of("Retry-After", Long.toString(limited.retryAfterSeconds())) : Map.of();
        return HttpApiResponse.of(status(failure), headers, JsonBody.of(body(failure, requestId)));
    }

    public static int status(Throwable failure) {
        if (failure instanceof HttpApiException api) {
            return api.status();
        }
        if (failure instanceof InvalidInputException) {
            return 400;
        }
        if (failure instanceof NotFoundException) {
            return 404;
        }
        if (failure instanceof LoginConflictException || failure instanceof LoginAlreadyExistsException
                || failure instanceof UserNotActivatableException) {
            return 409;
        }
        if (failure instanceof RateLimitedException) {
            return 429;
        }
        if (failure instanceof TransientUpstreamException || failure instanceof SecretsUnavailableException) {
            return 503;
        }
        // Okta answered something unusable, or refused our credentials: the upstream failed us.
        if (failure instanceof UnexpectedOktaException || failure instanceof OktaAccessDeniedException) {
            return 502;
        }
        // ConfigurationException (the deployment's fault), an exception this class does not know yet, or a bug.
        return 500;
    }

    /** The stable machine code: the exception's own, or {@value #INTERNAL_ERROR}. */
    public static String code(Throwable failure) {
        if (failure instanceof HttpApiException api) {
            return api.code();
        }
        if (failure instanceof OktaProvisioningException known) {
            return known.code();
        }
        return INTERNAL_ERROR;
    }

    /** True for failures that are not ours to explain by message: their text stays in the logs. */
    public static boolean isUnexpected(Throwable failure) {
        return !(failure instanceof HttpApiException || failure instanceof OktaProvisioningException);
    }

    private static Map<String, Object> body(Throwable failure, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code(failure));
        body.put("message", message(failure, requestId));
        if (failure instanceof InvalidInputException invalid) {
            body.put("details", details(invalid.fieldErrors()));
        }
        if (failure instanceof OktaProvisioningException known) {
            known.oktaRequestId().ifPresent(id -> body.put("oktaRequestId", id));
        }
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        return body;
    }

    private static String message(Throwable failure, String requestId) {
        if (isUnexpected(failure)) {
            return "Internal error" + (requestId == null ? "" : "; quote request id " + requestId + " when reporting it");
        }
        if (failure instanceof InvalidInputException) {
            return "The request is invalid; see details";
        }
        if (failure instanceof ConfigurationException) {
            return "The function is misconfigured: " + failure.getMessage();
        }
        return failure.getMessage();
    }

    private static List<Map<String, String>> details(List<FieldError> errors) {
        return errors.stream().map(error -> {
            Map<String, String> detail = new LinkedHashMap<>();
            detail.put("field", error.field());
            detail.put("message", error.message());
            return detail;
        }).toList();
    }
}
