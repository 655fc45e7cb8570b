package dev.oktaprov.createuser;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.entrypoints.ApiFunction;
import dev.oktaprov.provisioning.NewHire;
import dev.oktaprov.runtime.ProvisioningRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.crac.Core;
import org.crac.Resource;

/** {@code POST /users} and the state machine's create step: {@link CreateUser}, at the edge. */
public final class CreateUserHandler implements RequestStreamHandler, Resource {

    private final ApiFunction<NewHire> function;

    /**
     * For Lambda: one runtime per execution environment, no credentials loaded yet. A service app
     * asks only for the scopes this function needs, {@link OAuthScopes#CREATE_USERS}.
     */
    public CreateUserHandler() {
        this(ProvisioningRuntime.builder(System.getenv()).scopes(OAuthScopes.CREATE_USERS).build());
        Core.getGlobalContext().register(this);
    }

    /** For tests and local runs. */
    public CreateUserHandler(ProvisioningRuntime runtime) {
        this.function = new ApiFunction<>(runtime, new CreateUser(runtime));
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
