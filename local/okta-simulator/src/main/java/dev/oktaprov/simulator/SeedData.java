package dev.oktaprov.simulator;

import java.util.List;

/** Groups and users to load at start (options) or at run time. Groups are created before users. */
public record SeedData(List<SeedGroup> groups, List<SeedUser> users) {

    public SeedData {
        groups = groups == null ? List.of() : List.copyOf(groups);
        users = users == null ? List.of() : List.copyOf(users);
    }

    public static SeedData empty() {
        return new SeedData(List.of(), List.of());
    }

    public boolean isEmpty() {
        return groups.isEmpty() && users.isEmpty();
    }
}
