package dev.oktaprov.getuser;

import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.entrypoints.ApiFunction;
import dev.oktaprov.entrypoints.FunctionHandler;
import dev.oktaprov.runtime.ProvisioningRuntime;

/** {@code GET /users/{id+}} and the state machine's get step: {@link GetUser}, at the edge. */
public final class GetUserHandler extends FunctionHandler {

    /** For Lambda; a service app asks only for {@link OAuthScopes#READ_USERS}. */
    public GetUserHandler() {
        this(ProvisioningRuntime.builder(System.getenv()).scopes(OAuthScopes.READ_USERS).build());
        registerForSnapStart();
    }

    /** For tests and local runs. */
    public GetUserHandler(ProvisioningRuntime runtime) {
        super(new ApiFunction<>(runtime, new GetUser(runtime.service())));
    }
}
