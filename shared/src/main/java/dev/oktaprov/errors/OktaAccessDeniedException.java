package dev.oktaprov.errors;

/** Okta refused our credentials (401: E0000004, E0000011) or their permissions (403: E0000006, scopes). */
public final class OktaAccessDeniedException extends OktaProvisioningException {

    private final int httpStatus;

    public OktaAccessDeniedException(int httpStatus, String oktaErrorCode, String oktaRequestId) {
        super(describe(httpStatus, oktaErrorCode), oktaRequestId);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
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
