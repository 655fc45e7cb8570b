package dev.oktaprov.entrypoints;

import dev.oktaprov.okta.model.Group;
import dev.oktaprov.okta.model.User;
import dev.oktaprov.provisioning.CreateOutcome;
import dev.oktaprov.provisioning.CreateResult;
import dev.oktaprov.provisioning.StartSchedule;
import dev.oktaprov.provisioning.UserWithGroups;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON view of users that callers get, as plain values: {@code id}, {@code status}, the timestamps
 * (ISO-8601 or null), {@code type} ({@code {"id": ...}} or null), {@code profile} with every attribute, plus
 * {@code outcome} after a create and {@code groups} after a get; never Okta's {@code _links} or
 * {@code credentials}. A page straight from Okta's answer is {@link UsersPageBody}.
 */
public final class UserJson {

    private UserJson() {}

    public static Map<String, Object> user(User user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", user.id());
        json.put("status", user.status());
        if (user.transitioningToStatus() != null) {
            json.put("transitioningToStatus", user.transitioningToStatus());
        }
        json.put("created", iso(user.created()));
        json.put("activated", iso(user.activated()));
        json.put("statusChanged", iso(user.statusChanged()));
        json.put("lastLogin", iso(user.lastLogin()));
        json.put("lastUpdated", iso(user.lastUpdated()));
        json.put("passwordChanged", iso(user.passwordChanged()));
        json.put("type", user.typeId() == null ? null : Map.of("id", user.typeId()));
        json.put("profile", new LinkedHashMap<>(user.profile().attributes()));
        return json;
    }

    /**
     * The user and whether it was {@code CREATED} now or {@code ALREADY_EXISTED}; for the latter also
     * {@code notApplied} (the request's fields the existing user does not reflect) and {@code inactive} (it is
     * DEPROVISIONED or SUSPENDED). For a hire with a {@code schedule}, what the onboarding workflow waits for:
     * {@code activateAt} (UTC, always the {@code …Z} form Step Functions' Wait takes) and
     * {@code waitsForStartDate} (false: the date has come, activate at once).
     */
    public static Map<String, Object> created(CreateResult result, StartSchedule schedule) {
        Map<String, Object> json = user(result.user());
        json.put("outcome", result.outcome().name());
        if (result.outcome() == CreateOutcome.ALREADY_EXISTED) {
            json.put("notApplied", result.notApplied());
            json.put("inactive", result.inactive());
        }
        if (schedule != null) {
            json.put("activateAt", schedule.activateAt().toString());
            json.put("waitsForStartDate", schedule.waitsForStartDate());
        }
        return json;
    }

    /** The user and its group memberships. */
    public static Map<String, Object> withGroups(UserWithGroups found) {
        Map<String, Object> json = user(found.user());
        List<Map<String, Object>> groups = new ArrayList<>(found.groups().size());
        for (Group group : found.groups()) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("id", group.id());
            g.put("name", group.name());
            g.put("type", group.type());
            groups.add(g);
        }
        json.put("groups", groups);
        return json;
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
