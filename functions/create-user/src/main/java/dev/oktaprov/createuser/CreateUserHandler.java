package dev.oktaprov.createuser;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oktaprov.okta.auth.OAuthScopes;
import dev.oktaprov.provisioning.CreateResult;
import dev.oktaprov.provisioning.NewHire;
import dev.oktaprov.provisioning.NewHireValidator;
import dev.oktaprov.provisioning.Outcome;
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
 * Creates one Okta user, idempotently by login: {@code POST /users} (201 with {@code Location}, or
 * 200 when the same person already existed) and the state machine's create form (the user with
 * {@code outcome}, and with a start date {@code activateAt} for the workflow's Wait; or a typed
 * exception). Only the state machine schedules an activation, so only its form may have a start date.
 */
public final class CreateUserHandler
        implements RequestHandler<Map<String, Object>, Map<String, Object>>, Operation<NewHire>, Resource {

    static final ApiRoute ROUTE = ApiRoute.of("POST", "/users");
    private static final Map<String, Object> SAMPLE_FORM = Map.of("firstName", "Priming", "lastName", "Sample",
            "email", "priming@example.com", "login", "priming@example.com");

    private final FunctionInvocation invocation;

    /**
     * For Lambda: one runtime per execution environment, no credentials loaded yet. A service app
     * asks only for the scopes this function needs, {@link OAuthScopes#CREATE_USERS}.
     */
    public CreateUserHandler() {
        this(ProvisioningRuntime.fromEnvironment(OAuthScopes.CREATE_USERS));
        Core.getGlobalContext().register(this);
    }

    /** For tests and local runs. */
    public CreateUserHandler(ProvisioningRuntime runtime) {
        this.invocation = new FunctionInvocation(runtime, ROUTE);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return invocation.handle(event, context, this);
    }

    @Override
    public NewHire fromHttp(HttpApiRequest request) {
        return NewHireValidator.validateWithoutStartDate(request.jsonObjectBody());
    }

    @Override
    public NewHire fromDirect(Map<String, Object> input) {
        return NewHireValidator.validate(input, invocation.runtime().clock());
    }

    @Override
    public OperationResult run(NewHire hire, Deadline deadline) {
        CreateResult result = invocation.runtime().service().create(hire, deadline);
        invocation.runtime().metrics().outcome(result.outcome());
        Map<String, Object> body = UserJson.created(result, hire.schedule());
        String outcome = result.outcome().name();
        return result.outcome() == Outcome.CREATED
                ? OperationResult.created("/users/" + result.user().id(), body, outcome)
                : OperationResult.ok(body, outcome);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        String body = "{\"firstName\":\"Priming\",\"lastName\":\"Sample\",\"email\":\"priming@example.com\","
                + "\"login\":\"priming@example.com\",\"activate\":false}";
        invocation.prime(this, Priming.httpEvent("POST", "/users", ROUTE.routeKey(), Map.of(), Map.of(), body), SAMPLE_FORM);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        invocation.afterRestore();
    }
}
