package dev.oktaprov.okta;

import dev.oktaprov.errors.LoginConflictException;
import dev.oktaprov.errors.OktaProvisioningException;

/**
 * Okta's answer to a create: the login exists already (E0000001 with a {@code login:} cause), maybe
 * as this very person's user. The client's word only: the provisioning layer turns it into "already
 * existed" or a {@link LoginConflictException}, so it is no Step Functions error name.
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
