package dev.oktaprov.errors;

/** The login already belongs to a different person than the one in the request. */
public final class LoginConflictException extends OktaProvisioningException {

    private final String existingUserId;

    public LoginConflictException(String existingUserId, String oktaRequestId) {
        super("The login already belongs to a different Okta user (" + existingUserId + ")", oktaRequestId);
        this.existingUserId = existingUserId;
    }

    public String existingUserId() {
        return existingUserId;
    }

    @Override
    public String code() {
        return "LOGIN_CONFLICT";
    }
}
