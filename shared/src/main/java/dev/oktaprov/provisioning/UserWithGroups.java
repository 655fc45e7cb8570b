package dev.oktaprov.provisioning;

import dev.oktaprov.okta.model.Group;
import dev.oktaprov.okta.model.User;
import java.util.List;

public record UserWithGroups(User user, List<Group> groups) {
    public UserWithGroups {
        groups = List.copyOf(groups);
    }
}
