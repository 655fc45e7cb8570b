package dev.oktaprov.okta;

import dev.oktaprov.errors.OktaProvisioningException;

/**
 * Okta's answer to a create: the login exists (E0000001, a {@code login:} cause), maybe as this person's. No Step
 * Functions error name: the provisioning layer turns it into "already existed" or a {@code LoginConflictException}.
 */
public final class LoginAlreadyExistsException extends OktaProvisioningException {

    public LoginAlreadyExistsException(String oktaRequestId) {
        super("An Okta user with this login already exists", oktaRequestId);
    }

    @Override
    public String code() {
        return "LOGIN_TAKEN";
    }
}
