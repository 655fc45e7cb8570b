package dev.oktaprov.getuser;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oktaprov.okta.auth.OAuthScopes;
import dev.oktaprov.provisioning.UserWithGroups;
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
 * Reads one Okta user by id or login, with its groups: {@code GET /users/{id+}} (the greedy
 * parameter lets a login with {@code /} through) and the state machine's {@code {"id": …}} or
 * {@code {"login": …}}.
 */
public final class GetUserHandler
        implements RequestHandler<Map<String, Object>, Map<String, Object>>, Operation<String>, Resource {

    static final ApiRoute ROUTE = ApiRoute.of("GET", "/users/{id+}");

    private final FunctionInvocation invocation;

    /**
     * For Lambda: one runtime per execution environment, no credentials loaded yet. A service app
     * asks only for the scopes this function needs, {@link OAuthScopes#READ_USERS}.
     */
    public GetUserHandler() {
        this(ProvisioningRuntime.fromEnvironment(OAuthScopes.READ_USERS));
        Core.getGlobalContext().register(this);
    }

    /** For tests and local runs. */
    public GetUserHandler(ProvisioningRuntime runtime) {
        this.invocation = new FunctionInvocation(runtime, ROUTE);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return invocation.handle(event, context, this);
    }

    @Override
    public String fromHttp(HttpApiRequest request) {
        return UserReference.fromPath(request.pathParameter("id").orElse(null));
    }

    @Override
    public String fromDirect(Map<String, Object> input) {
        return UserReference.fromInput(input);
    }

    @Override
    public OperationResult run(String idOrLogin, Deadline deadline) {
        UserWithGroups found = invocation.runtime().service().get(idOrLogin, deadline);
        return OperationResult.ok(UserJson.withGroups(found), "FOUND");
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        String login = "priming+sample@example.com";
        invocation.prime(this, Priming.httpEvent("GET", "/users/" + login, ROUTE.routeKey(), Map.of("id", login), Map.of(), null),
                Map.of("id", "00uPRIMING0000000000"));
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        invocation.afterRestore();
    }
}
