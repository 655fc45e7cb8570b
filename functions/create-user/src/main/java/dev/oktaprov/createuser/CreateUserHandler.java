package dev.oktaprov.createuser;

import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.entrypoints.ApiFunction;
import dev.oktaprov.entrypoints.FunctionHandler;
import dev.oktaprov.runtime.ProvisioningRuntime;

/** {@code POST /users} and the state machine's create step: {@link CreateUser}, at the edge. */
public final class CreateUserHandler extends FunctionHandler {

    /** For Lambda; a service app asks only for {@link OAuthScopes#CREATE_USERS}. */
    public CreateUserHandler() {
        this(ProvisioningRuntime.builder(System.getenv()).scopes(OAuthScopes.CREATE_USERS).build());
        registerForSnapStart();
    }

    /** For tests and local runs. */
    public CreateUserHandler(ProvisioningRuntime runtime) {
        super(new ApiFunction<>(runtime, new CreateUser(runtime)));
    }
}
