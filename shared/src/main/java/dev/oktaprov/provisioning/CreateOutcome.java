package dev.oktaprov.provisioning;

/** What a create did: made the user, or found the same person already there. */
public enum CreateOutcome {
    CREATED,
    ALREADY_EXISTED
}
