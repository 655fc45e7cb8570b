package dev.oktaprov.listusers;

import dev.oktaprov.entrypoints.Operation;
import dev.oktaprov.entrypoints.OperationResult;
import dev.oktaprov.entrypoints.Priming;
import dev.oktaprov.entrypoints.UsersPageBody;
import dev.oktaprov.entrypoints.http.HttpApiRequest;
import dev.oktaprov.provisioning.ListRequest;
import dev.oktaprov.provisioning.ProvisioningService;
import dev.oktaprov.time.Deadline;
import java.util.List;
import java.util.Map;

/**
 * Lists one page of Okta users: {@code GET /users?q=&filter=&search=&status=&limit=&after=} and the
 * same fields as a direct input. The answer's {@code nextCursor} goes back as {@code after}.
 */
record ListUsers(ProvisioningService service) implements Operation<ListRequest> {

    @Override
    public ListRequest fromHttp(HttpApiRequest request) {
        return ListUsersInput.fromQuery(request.queryStringParameters());
    }

    @Override
    public ListRequest fromDirect(Map<String, Object> input) {
        return ListUsersInput.fromInput(input);
    }

    @Override
    public OperationResult run(ListRequest request, Deadline deadline) {
        return OperationResult.ok(new UsersPageBody(service.listJson(request, deadline)), "LISTED");
    }

    @Override
    public List<Map<String, Object>> primingEvents() {
        Map<String, String> query = Map.of("filter", "profile.lastName eq \"Sample\"", "limit", "20");
        return List.of(Priming.httpEvent("GET", "/users", "GET /users", Map.of(), query, null),
                Map.of("search", "profile.department eq \"Priming\"", "limit", 20));
    }
}
