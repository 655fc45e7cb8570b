package dev.oktaprov.errors;

/** Okta is temporarily unavailable: 5xx, timeouts, I/O errors, dropped connections, E0000112. Retry later. */
public final class TransientUpstreamException extends OktaProvisioningException {

    public TransientUpstreamException(String message, String oktaRequestId, Throwable cause) {
        super(message, oktaRequestId, cause);
    }

    public TransientUpstreamException(String message, String oktaRequestId) {
        super(message, oktaRequestId);
    }

    @Override
    public String code() {
        return "OKTA_UNAVAILABLE";
    }
}
