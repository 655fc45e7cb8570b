package dev.oktaprov.okta.model;

import java.util.List;
import java.util.Objects;

/** The body of {@code POST /api/v1/users}. {@code password} may be null; it is never printed. */
public record CreateUserRequest(Profile profile, String password, List<String> groupIds) {

    public CreateUserRequest {
        Objects.requireNonNull(profile, "profile");
        groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
    }

    @Override
    public String toString() {
        return "CreateUserRequest[profile=<" + profile.attributes().size() + " attributes>, password="
                + (password == null ? "none" : "***") + ", groupIds=" + groupIds + "]";
    }
}
