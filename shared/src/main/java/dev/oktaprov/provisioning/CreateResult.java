package dev.oktaprov.provisioning;

import dev.oktaprov.okta.model.User;

public record CreateResult(User user, Outcome outcome) {}
