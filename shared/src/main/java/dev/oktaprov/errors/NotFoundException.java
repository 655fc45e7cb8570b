package dev.oktaprov.errors;

/** The Okta resource does not exist (E0000007). */
public final class NotFoundException extends OktaProvisioningException {

    public NotFoundException(String what, String oktaRequestId) {
        super(what + " not found", oktaRequestId);
    }

    @Override
    public String code() {
        return "NOT_FOUND";
    }
}
