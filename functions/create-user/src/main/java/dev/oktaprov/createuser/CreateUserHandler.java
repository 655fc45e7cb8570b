package dev.oktaprov.createuser;

import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.entrypoints.ApiFunction;
import dev.oktaprov.entrypoints.FunctionHandler;
import dev.oktaprov.runtime.ProvisioningRuntime;

/** {@code POST /users} and the state machine's create step: {@link CreateUser}, at the edge. */
public final class CreateUserHandler extends FunctionHandler {

    /**
     * For Lambda: one runtime per execution environment, no credentials loaded yet. A service app
     * asks only for the scopes this function needs, {@link OAuthScopes#CREATE_USERS}.
     */
    public CreateUserHandler() {
        this(ProvisioningRuntime.builder(System.getenv()).scopes(OAuthScopes.CREATE_USERS).build());
        registerForSnapStart();
    }

    /** For tests and local runs. */
    public CreateUserHandler(ProvisioningRuntime runtime) {
        super(new ApiFunction<>(runtime, new CreateUser(runtime)));
    }
}
