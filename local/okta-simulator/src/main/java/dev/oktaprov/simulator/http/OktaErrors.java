package dev.oktaprov.simulator.http;

import java.util.List;

/** The Okta errors the simulator answers, with Okta's codes, statuses and wording. */
public final class OktaErrors {

    private OktaErrors() {
    }

    /** 400 E0000001; the summary names the field of the first cause, as Okta's does. */
    public static OktaApiException validation(List<String> causes) {
        String first = causes.isEmpty() ? "" : causes.get(0);
        int colon = first.indexOf(':');
        String field = colon < 0 ? first : first.substring(0, colon);
        return new OktaApiException(400, "E0000001", "Api validation failed: " + field, causes);
    }

    public static OktaApiException malformedBody() {
        return new OktaApiException(400, "E0000003", "The request body was not well-formed.", List.of());
    }

    public static OktaApiException notFound(String what, String resourceType) {
        return new OktaApiException(404, "E0000007",
                "Not found: Resource not found: " + what + " (" + resourceType + ")", List.of());
    }

    public static OktaApiException invalidSearchCriteria(String parameter, String detail) {
        return new OktaApiException(400, "E0000031", "Invalid search criteria.", List.of(parameter + ": " + detail));
    }

    public static OktaApiException tooManyGroups() {
        return new OktaApiException(400, "E0000093", "Target count limit exceeded",
                List.of("The number of group targets is too large"));
    }

    public static OktaApiException expirePasswordNeedsActivation() {
        String summary = "Could not create user. To create a user and expire their password immediately, `activate` must be true.";
        return new OktaApiException(400, "E0000125", summary, List.of(summary));
    }

    public static OktaApiException expirePasswordNeedsPassword() {
        String summary = "Could not create user. To create a user and expire their password immediately, a password must be specified.";
        return new OktaApiException(400, "E0000124", summary, List.of(summary));
    }

    public static OktaApiException alreadyActive() {
        return new OktaApiException(403, "E0000016", "Activation failed because the user is already active", List.of());
    }

    public static OktaApiException methodNotAllowed() {
        return new OktaApiException(405, "E0000022", "The endpoint does not support the provided HTTP method", List.of());
    }

    public static OktaApiException rateLimited() {
        return new OktaApiException(429, "E0000047", "API call exceeded rate limit due to too many requests.", List.of());
    }

    public static OktaApiException internalError() {
        return new OktaApiException(500, "E0000009", "Internal Server Error", List.of());
    }

    /** What an injected 500, 503 or 504 carries. */
    public static OktaApiException injected(int status) {
        return switch (status) {
            case 503 -> new OktaApiException(503, "E0000010", "Service is in read only mode", List.of());
            case 504 -> new OktaApiException(504, "E0000009", "Gateway Timeout", List.of());
            default -> internalError();
        };
    }
}
