package dev.oktaprov.listusers;

import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.entrypoints.ApiFunction;
import dev.oktaprov.entrypoints.FunctionHandler;
import dev.oktaprov.runtime.ProvisioningRuntime;

/** {@code GET /users} and the state machine's list step: {@link ListUsers}, at the edge. */
public final class ListUsersHandler extends FunctionHandler {

    /** For Lambda; a service app asks only for {@link OAuthScopes#READ_USERS}. */
    public ListUsersHandler() {
        this(ProvisioningRuntime.builder(System.getenv()).scopes(OAuthScopes.READ_USERS).build());
        registerForSnapStart();
    }

    /** For tests and local runs. */
    public ListUsersHandler(ProvisioningRuntime runtime) {
        super(new ApiFunction<>(runtime, new ListUsers(runtime.service())));
    }
}
