package dev.oktaprov.getuser;

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

/** {@code GET /users/{id+}} and the state machine's get step: {@link GetUser}, at the edge. */
public final class GetUserHandler implements RequestStreamHandler, Resource {

    private final ApiFunction<String> function;

    /**
     * For Lambda: one runtime per execution environment, no credentials loaded yet. A service app
     * asks only for the scopes this function needs, {@link OAuthScopes#READ_USERS}.
     */
    public GetUserHandler() {
        this(ProvisioningRuntime.builder(System.getenv()).scopes(OAuthScopes.READ_USERS).build());
        Core.getGlobalContext().register(this);
    }

    /** For tests and local runs. */
    public GetUserHandler(ProvisioningRuntime runtime) {
        this.function = new ApiFunction<>(runtime, new GetUser(runtime.service()));
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
