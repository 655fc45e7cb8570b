package dev.oktaprov.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A user to put in the directory without going through the API (no validation beyond login
 * uniqueness, not counted as created). Useful to set up DEPROVISIONED users or old timestamps.
 *
 * @param id the user id, or null to generate one
 * @param status ACTIVE when null
 * @param groups group ids or names (Everyone is always added)
 * @param created the creation time, or null for the simulator's now; lastUpdated defaults to it
 */
public record SeedUser(
        String id,
        Map<String, Object> profile,
        String status,
        boolean hasPassword,
        List<String> groups,
        Instant created,
        Instant lastUpdated) {

    public SeedUser {
        if (profile == null || !(profile.get("login") instanceof String)) {
            throw new IllegalArgumentException("a seed user needs profile.login");
        }
        profile = Immutables.map(profile);
        status = status == null ? "ACTIVE" : status;
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** An ACTIVE user with the four base attributes. */
    public static SeedUser of(String login, String firstName, String lastName) {
        return new SeedUser(null,
                Map.of("login", login, "email", login, "firstName", firstName, "lastName", lastName),
                "ACTIVE", true, List.of(), null, null);
    }

    public SeedUser withStatus(String newStatus) {
        return new SeedUser(id, profile, newStatus, hasPassword, groups, created, lastUpdated);
    }

    public SeedUser withGroups(String... groupIdsOrNames) {
        return new SeedUser(id, profile, status, hasPassword, List.of(groupIdsOrNames), created, lastUpdated);
    }

    public SeedUser withCreated(Instant at) {
        return new SeedUser(id, profile, status, hasPassword, groups, at, lastUpdated);
    }

    public SeedUser withLastUpdated(Instant at) {
        return new SeedUser(id, profile, status, hasPassword, groups, created, at);
    }
}
