package dev.oktaprov.activateuser;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.entrypoints.ApiFunction;
import dev.oktaprov.runtime.ProvisioningRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.crac.Core;
import org.crac.Resource;

/** The onboarding state machine's activation step: {@link ActivateUser}, at the edge. */
public final class ActivateUserHandler implements RequestStreamHandler, Resource {

    private final ApiFunction<ActivationRequest> function;

    /** For Lambda; a service app asks only for {@link OAuthScopes#ACTIVATE_USERS}. */
    public ActivateUserHandler() {
        this(ProvisioningRuntime.builder(System.getenv()).scopes(OAuthScopes.ACTIVATE_USERS).build());
        Core.getGlobalContext().register(this);
    }

    /** For tests and local runs. */
    public ActivateUserHandler(ProvisioningRuntime runtime) {
        this.function = new ApiFunction<>(runtime, new ActivateUser(runtime.service()));
    }

    @Override
    public void handleRequest(InputStream event, OutputStream answer, Context context) throws IOException {
        function.handle(event, answer, context);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        function.prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        function.afterRestore();
    }
}
