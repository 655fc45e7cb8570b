package dev.oktaprov.errors;

/** Okta answered something we do not understand: malformed JSON, an unexpected status, a foreign link. */
public final class UnexpectedOktaException extends OktaProvisioningException {

    public UnexpectedOktaException(String message, String oktaRequestId, Throwable cause) {
        super(message, oktaRequestId, cause);
    }

    public UnexpectedOktaException(String message, String oktaRequestId) {
        super(message, oktaRequestId);
    }

    @Override
    public String code() {
        return "OKTA_UNEXPECTED";
    }
}
