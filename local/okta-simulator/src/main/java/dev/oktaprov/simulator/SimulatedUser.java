package dev.oktaprov.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A user as the simulator holds it: an immutable snapshot (the profile map and lists cannot be
 * changed). Timestamps are on the simulator's clock, truncated to milliseconds like Okta's.
 *
 * @param profile base and custom attributes, as the client sent them
 * @param hasPassword whether a password (value, hash or hook) was set; the value itself is never kept
 * @param recoveryQuestion the recovery question, or null; the answer is never kept
 * @param providerType credentials.provider.type (OKTA unless the client created the user with a provider)
 * @param groupIds the groups the user belongs to, Everyone included, in the order they were joined
 */
public record SimulatedUser(
        String id,
        String status,
        Instant created,
        Instant activated,
        Instant statusChanged,
        Instant lastLogin,
        Instant lastUpdated,
        Instant passwordChanged,
        String typeId,
        Map<String, Object> profile,
        boolean hasPassword,
        String recoveryQuestion,
        String providerType,
        String providerName,
        List<String> groupIds) {

    public SimulatedUser {
        profile = Immutables.map(profile);
        groupIds = List.copyOf(groupIds);
    }

    public String login() {
        return text("login");
    }

    public String email() {
        return text("email");
    }

    public String firstName() {
        return text("firstName");
    }

    public String lastName() {
        return text("lastName");
    }

    private String text(String attribute) {
        Object value = profile.get(attribute);
        return value instanceof String string ? string : null;
    }

    public SimulatedUser withStatus(String newStatus, Instant at) {
        Instant newActivated = activated;
        if (newStatus.equals("ACTIVE") || newStatus.equals("PROVISIONED")) {
            newActivated = at;
        }
        return new SimulatedUser(id, newStatus, created, newActivated, at, lastLogin, at, passwordChanged,
                typeId, profile, hasPassword, recoveryQuestion, providerType, providerName, groupIds);
    }
}
