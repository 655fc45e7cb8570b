package dev.oktaprov.activateuser;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oktaprov.okta.auth.OAuthScopes;
import dev.oktaprov.provisioning.ActivationResult;
import dev.oktaprov.ratelimit.Deadline;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.runtime.api.ApiRoute;
import dev.oktaprov.runtime.api.FunctionInvocation;
import dev.oktaprov.runtime.api.HttpApiException;
import dev.oktaprov.runtime.api.HttpApiRequest;
import dev.oktaprov.runtime.api.Operation;
import dev.oktaprov.runtime.api.OperationResult;
import dev.oktaprov.runtime.api.Priming;
import java.util.LinkedHashMap;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * Activates a STAGED Okta user on its start date, idempotently: the onboarding state machine's
 * {@code {"id": …}} (optional {@code "sendEmail"}, default true) answers {@code {id, outcome,
 * previousStatus}} with outcome {@code ACTIVATED} or {@code ALREADY_ACTIVE}, or throws the core's
 * typed exception ({@code UserNotActivatableException} for a deactivated hire). No HTTP route.
 */
public final class ActivateUserHandler
        implements RequestHandler<Map<String, Object>, Map<String, Object>>, Operation<ActivationRequest>, Resource {

    /** Nothing routes here; FunctionInvocation needs a route to refuse HTTP events by. */
    static final ApiRoute ROUTE = ApiRoute.of("POST", "/users/{id}/lifecycle/activate");

    private final FunctionInvocation invocation;

    /** For Lambda; a service app asks only for {@link OAuthScopes#ACTIVATE_USERS}. */
    public ActivateUserHandler() {
        this(ProvisioningRuntime.fromEnvironment(OAuthScopes.ACTIVATE_USERS));
        Core.getGlobalContext().register(this);
    }

    /** For tests and local runs. */
    public ActivateUserHandler(ProvisioningRuntime runtime) {
        this.invocation = new FunctionInvocation(runtime, ROUTE);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return invocation.handle(event, context, this);
    }

    @Override
    public ActivationRequest fromHttp(HttpApiRequest request) {
        throw new HttpApiException(404, HttpApiException.ROUTE_NOT_FOUND, "activate-user serves the onboarding state machine only");
    }

    @Override
    public ActivationRequest fromDirect(Map<String, Object> input) {
        return ActivationRequest.from(input);
    }

    @Override
    public OperationResult run(ActivationRequest request, Deadline deadline) {
        ActivationResult result = invocation.runtime().service().activate(request.userId(), request.sendEmail(), deadline);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", result.user().id());
        body.put("outcome", result.outcome().name());
        body.put("previousStatus", result.user().status());
        return OperationResult.ok(body, result.outcome().name());
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        String id = "00uPRIMING0000000000";
        invocation.prime(this, Priming.httpEvent("POST", "/users/" + id + "/lifecycle/activate", ROUTE.routeKey(),
                Map.of("id", id), Map.of(), null), Map.of("id", id));
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        invocation.afterRestore();
    }
}
