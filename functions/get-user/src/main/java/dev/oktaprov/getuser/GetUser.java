package dev.oktaprov.getuser;

import dev.oktaprov.entrypoints.Operation;
import dev.oktaprov.entrypoints.OperationResult;
import dev.oktaprov.entrypoints.Priming;
import dev.oktaprov.entrypoints.UserJson;
import dev.oktaprov.entrypoints.http.HttpApiRequest;
import dev.oktaprov.provisioning.ProvisioningService;
import dev.oktaprov.provisioning.UserWithGroups;
import dev.oktaprov.time.Deadline;
import java.util.List;
import java.util.Map;

/**
 * Reads one Okta user by id or login, with its groups: {@code GET /users/{id+}} (the greedy
 * parameter lets a login with {@code /} through) and the state machine's {@code {"id": …}} or
 * {@code {"login": …}}.
 */
record GetUser(ProvisioningService service) implements Operation<String> {

    private static final String SAMPLE_LOGIN = "priming+sample@example.com";

    @Override
    public String fromHttp(HttpApiRequest request) {
        // API Gateway always names {id+}; a local API with a catch-all route may not: then the path holds it.
        return UserReference.fromPath(request.pathParameter("id").orElseGet(() -> UserReference.afterUsers(request.rawPath())));
    }

    @Override
    public String fromDirect(Map<String, Object> input) {
        return UserReference.fromInput(input);
    }

    @Override
    public OperationResult run(String idOrLogin, Deadline deadline) {
        UserWithGroups found = service.get(idOrLogin, deadline);
        return OperationResult.ok(UserJson.withGroups(found), "FOUND");
    }

    @Override
    public List<Map<String, Object>> primingEvents() {
        return List.of(Priming.httpEvent("GET", "/users/" + SAMPLE_LOGIN, "GET /users/{id+}", Map.of("id", SAMPLE_LOGIN),
                Map.of(), null), Map.of("id", "00uPRIMING0000000000"));
    }
}
