package dev.oktaprov.listusers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oktaprov.okta.auth.OAuthScopes;
import dev.oktaprov.provisioning.ListRequest;
import dev.oktaprov.ratelimit.Deadline;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.runtime.api.ApiRoute;
import dev.oktaprov.runtime.api.FunctionInvocation;
import dev.oktaprov.runtime.api.HttpApiRequest;
import dev.oktaprov.runtime.api.Operation;
import dev.oktaprov.runtime.api.OperationResult;
import dev.oktaprov.runtime.api.Priming;
import dev.oktaprov.runtime.api.UserJson;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * Lists one page of Okta users: {@code GET /users?q=&filter=&search=&status=&limit=&after=} and the
 * same fields as a direct input. The answer's {@code nextCursor} goes back as {@code after}.
 */
public final class ListUsersHandler
        implements RequestHandler<Map<String, Object>, Map<String, Object>>, Operation<ListRequest>, Resource {

    static final ApiRoute ROUTE = ApiRoute.of("GET", "/users");

    private final FunctionInvocation invocation;

    /**
     * For Lambda: one runtime per execution environment, no credentials loaded yet. A service app
     * asks only for the scopes this function needs, {@link OAuthScopes#READ_USERS}.
     */
    public ListUsersHandler() {
        this(ProvisioningRuntime.fromEnvironment(OAuthScopes.READ_USERS));
        Core.getGlobalContext().register(this);
    }

    /** For tests and local runs. */
    public ListUsersHandler(ProvisioningRuntime runtime) {
        this.invocation = new FunctionInvocation(runtime, ROUTE);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return invocation.handle(event, context, this);
    }

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
        return OperationResult.ok(UserJson.page(invocation.runtime().service().list(request, deadline)), "LISTED");
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Map<String, String> query = Map.of("filter", "profile.lastName eq \"Sample\"", "limit", "20");
        invocation.prime(this, Priming.httpEvent("GET", "/users", ROUTE.routeKey(), Map.of(), query, null),
                Map.of("search", "profile.department eq \"Priming\"", "limit", 20));
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        invocation.afterRestore();
    }
}
