package dev.oktaprov.okta;

import dev.oktaprov.errors.OktaProvisioningException;
import dev.oktaprov.okta.model.User;
import java.util.Optional;

/**
 * Okta's answer to a create: the login exists (E0000001, a {@code login:} cause), maybe as this person's. No Step
 * Functions error name: the provisioning layer turns it into "already existed" or a {@code LoginConflictException}.
 */
public final class LoginAlreadyExistsException extends OktaProvisioningException {

    /** Read by the client itself after a lost answer, so the caller need not read it again; never serialised. */
    private final transient User holder;

    public LoginAlreadyExistsException(String oktaRequestId) {
        this(oktaRequestId, null);
    }

    LoginAlreadyExistsException(String oktaRequestId, User holder) {
        super("An Okta user with this login already exists", oktaRequestId);
        this.holder = holder;
    }

    /** The user holding the login when the client has just read it (after a lost answer to a create); else empty. */
    public Optional<User> holder() {
        return Optional.ofNullable(holder);
    }

    @Override
    public String code() {
        return "LOGIN_TAKEN";
    }
}
