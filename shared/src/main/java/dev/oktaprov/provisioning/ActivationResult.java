package dev.oktaprov.provisioning;

import dev.oktaprov.okta.model.User;

/**
 * What an activation did.
 *
 * @param user the user as read before the activation (its status then); Okta activates
 *     asynchronously, so read it again for the status it ends up with
 */
public record ActivationResult(User user, ActivationOutcome outcome) {}
