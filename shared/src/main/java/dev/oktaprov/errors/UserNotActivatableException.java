package dev.oktaprov.errors;

/**
 * The Okta user cannot be activated: it is {@code DEPROVISIONED} (deactivated) or {@code SUSPENDED},
 * or on its way there. Okta would reactivate a deactivated user; bringing an ex-employee or a
 * cancelled hire back is a person's decision, so the core refuses instead.
 */
public final class UserNotActivatableException extends OktaProvisioningException {

    private final String status;

    public UserNotActivatableException(String userId, String status, String oktaRequestId) {
        super("The Okta user " + userId + " is " + status + ", so it was not activated (a deactivated or suspended"
                + " user is reactivated in Okta by a person, if the hire stands)", oktaRequestId);
        this.status = status;
    }

    /** The status Okta reported, e.g. {@code DEPROVISIONED}. */
    public String status() {
        return status;
    }

    @Override
    public String code() {
        return "USER_NOT_ACTIVATABLE";
    }
}
