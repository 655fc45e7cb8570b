package dev.oktaprov.errors;

/**
 * Okta says the login already exists (E0000001 with a {@code login:} cause). Client-level: the
 * provisioning layer turns it into "already existed" or a {@link LoginConflictException}.
 */
public final class LoginTakenException extends OktaProvisioningException {

    public LoginTakenException(String oktaRequestId) {
        super("An Okta user with this login already exists", oktaRequestId);
    }

    @Override
    public String code() {
        return "LOGIN_TAKEN";
    }
}
