package dev.oktaprov.activateuser;

import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.entrypoints.ApiFunction;
import dev.oktaprov.entrypoints.FunctionHandler;
import dev.oktaprov.runtime.ProvisioningRuntime;

/** The onboarding state machine's activation step: {@link ActivateUser}, at the edge. */
public final class ActivateUserHandler extends FunctionHandler {

    /** For Lambda; a service app asks only for {@link OAuthScopes#ACTIVATE_USERS}. */
    public ActivateUserHandler() {
        this(ProvisioningRuntime.builder(System.getenv()).scopes(OAuthScopes.ACTIVATE_USERS).build());
        registerForSnapStart();
    }

    /** For tests and local runs. */
    public ActivateUserHandler(ProvisioningRuntime runtime) {
        super(new ApiFunction<>(runtime, new ActivateUser(runtime.service())));
    }
}
