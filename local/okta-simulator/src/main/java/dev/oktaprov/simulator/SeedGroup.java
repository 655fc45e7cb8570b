package dev.oktaprov.simulator;

/**
 * A group to create at start or on demand.
 *
 * @param id the group id, or null to generate one in Okta's style (00g...)
 * @param type OKTA_GROUP when null
 */
public record SeedGroup(String id, String name, String description, String type) {

    public SeedGroup {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a seed group needs a name");
        }
        if (type == null) {
            type = "OKTA_GROUP";
        }
    }

    public static SeedGroup named(String name, String description) {
        return new SeedGroup(null, name, description, null);
    }
}
