package dev.oktaprov.entrypoints;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.okta.model.Group;
import dev.oktaprov.okta.model.Profile;
import dev.oktaprov.okta.model.User;
import dev.oktaprov.provisioning.CreateOutcome;
import dev.oktaprov.provisioning.CreateResult;
import dev.oktaprov.provisioning.UserWithGroups;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserJsonTest {

    private static final Instant CREATED = Instant.parse("2026-01-05T09:59:58Z");
    private static final User USER = new User("00u1", "PROVISIONED", "ACTIVE", CREATED, null, CREATED, null, CREATED, null,
            "oty1", Profile.of("jane@example.com", "Jane", "Doe", "jane@example.com", Map.of("costCenter", 42)));

    @Test
    void theUserViewHasTheTimestampsAsTextTheTypeAndTheWholeProfile() {
        Map<String, Object> json = UserJson.user(USER);

        assertThat(json).containsEntry("id", "00u1").containsEntry("status", "PROVISIONED")
                .containsEntry("transitioningToStatus", "ACTIVE").containsEntry("created", "2026-01-05T09:59:58Z")
                .containsEntry("activated", null).containsEntry("type", Map.of("id", "oty1"));
        assertThat(json).containsKeys("statusChanged", "lastLogin", "lastUpdated", "passwordChanged");
        assertThat(json).doesNotContainKeys("_links", "credentials");
        @SuppressWarnings("unchecked")
        Map<String, Object> profile = (Map<String, Object>) json.get("profile");
        assertThat(profile).containsEntry("costCenter", 42).containsEntry("login", "jane@example.com");
    }

    @Test
    void createAddsTheOutcomeGetAddsTheGroups() {
        assertThat(UserJson.created(new CreateResult(USER, CreateOutcome.ALREADY_EXISTED), null))
                .containsEntry("outcome", "ALREADY_EXISTED");
        Map<String, Object> found = UserJson.withGroups(new UserWithGroups(USER,
                List.of(new Group("00g1", "BUILT_IN", "Everyone", "All users"))));
        assertThat(found.get("groups")).isEqualTo(List.of(Map.of("id", "00g1", "name", "Everyone", "type", "BUILT_IN")));
    }
}
