package dev.oktaprov.errors;

import java.util.Optional;

/** Okta refused our credentials (401: E0000004, E0000011) or their permissions (403: E0000006, scopes). */
public final class OktaAccessDeniedException extends OktaProvisioningException {

    private final int httpStatus;
    private final String oktaErrorCode;

    public OktaAccessDeniedException(int httpStatus, String oktaErrorCode, String oktaRequestId) {
        super(describe(httpStatus, oktaErrorCode), oktaRequestId);
        this.httpStatus = httpStatus;
        this.oktaErrorCode = oktaErrorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Okta's {@code errorCode} ({@code E0000006}), or the token endpoint's OAuth {@code error}. */
    public Optional<String> oktaErrorCode() {
        return Optional.ofNullable(oktaErrorCode);
    }

    @Override
    public String code() {
        return httpStatus == 401 ? "OKTA_UNAUTHORIZED" : "OKTA_FORBIDDEN";
    }

    private static String describe(int status, String oktaErrorCode) {
        String what = status == 401
                ? "Okta rejected the API credentials"
                : "The Okta API credentials lack the permission for this operation";
        return oktaErrorCode == null ? what : what + " (" + oktaErrorCode + ")";
    }
}
