package dev.oktaprov.simulator.directory;

import dev.oktaprov.simulator.SimulatedUser;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The admin who owns the org's API token: the user Okta answers for {@code GET /api/v1/users/me}.
 * It is a user of the org (found by id and login, its login taken), but kept out of lists and
 * counts, so that an org starts with exactly the users a test or seed file put there.
 */
final class TokenOwner {

    static final String ID = "00uSimulatorAdmin001";
    static final String LOGIN = "simulator.admin@example.com";

    private TokenOwner() {
    }

    static SimulatedUser user(Instant created, String everyoneGroupId, String typeId) {
        Map<String, Object> profile = Map.of("login", LOGIN, "email", LOGIN, "firstName", "Simulator",
                "lastName", "Admin");
        return new SimulatedUser(ID, "ACTIVE", created, created, created, null, created, created, typeId, profile,
                true, null, "OKTA", "OKTA", List.of(everyoneGroupId));
    }
}
