package dev.oktaprov.provisioning;

import dev.oktaprov.okta.model.CreateUserRequest;
import dev.oktaprov.okta.model.Profile;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated request to create one Okta user. Build it with {@link NewHireValidator}.
 *
 * @param activate false (the default) creates a STAGED user; with a {@code schedule} the user is
 *     created STAGED anyway and activated on its start date
 * @param nextLogin {@code changePassword} or null
 * @param password null for none; never printed by {@link #toString()}
 * @param extraProfile further profile attributes, in input order
 * @param schedule when the hire starts, or null to create the user as {@code activate} says
 */
public record NewHire(
        String firstName,
        String lastName,
        String email,
        String login,
        boolean activate,
        List<String> groupIds,
        String nextLogin,
        String password,
        Map<String, Object> extraProfile,
        StartSchedule schedule) {

    public NewHire {
        groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
        extraProfile = Collections.unmodifiableMap(new LinkedHashMap<>(extraProfile == null ? Map.of() : extraProfile));
    }

    /** Whether the create itself activates the user; a scheduled hire is activated on its start date instead. */
    public boolean activatesOnCreate() {
        return activate && schedule == null;
    }

    /** The profile holds the four base attributes first, then the extra ones. */
    public CreateUserRequest toCreateUserRequest() {
        return new CreateUserRequest(Profile.of(login, firstName, lastName, email, extraProfile), password, groupIds);
    }

    @Override
    public String toString() {
        return "NewHire[login=<masked>, activate=" + activate + ", groupIds=" + groupIds
                + ", nextLogin=" + nextLogin + ", password=" + (password == null ? "none" : "***")
                + ", extraProfile=" + extraProfile.keySet()
                + ", activateAt=" + (schedule == null ? "none" : schedule.activateAt()) + "]";
    }
}
