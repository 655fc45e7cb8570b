package dev.oktaprov.provisioning;

/** What an activation did: activated the user now, or found it activated already. */
public enum ActivationOutcome {
    /** The user was STAGED; Okta activated it now (PROVISIONED, or ACTIVE with a password). */
    ACTIVATED,
    /** The user was activated before (by a person, or an earlier attempt): nothing was sent to Okta. */
    ALREADY_ACTIVE
}
