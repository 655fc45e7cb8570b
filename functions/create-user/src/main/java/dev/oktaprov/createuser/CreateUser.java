package dev.oktaprov.createuser;

import dev.oktaprov.entrypoints.Operation;
import dev.oktaprov.entrypoints.OperationResult;
import dev.oktaprov.entrypoints.Priming;
import dev.oktaprov.entrypoints.UserJson;
import dev.oktaprov.entrypoints.http.HttpApiRequest;
import dev.oktaprov.provisioning.CreateOutcome;
import dev.oktaprov.provisioning.CreateResult;
import dev.oktaprov.provisioning.NewHire;
import dev.oktaprov.provisioning.NewHireValidator;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.time.Deadline;
import java.util.List;
import java.util.Map;

/**
 * Creates one Okta user, idempotently by login: {@code POST /users} (201 with {@code Location}, or
 * 200 when the same person already existed) and the state machine's create form (the user with
 * {@code outcome}, and with a start date {@code activateAt} for the workflow's Wait; or a typed
 * exception). Only the state machine schedules an activation, so only its form may have a start date.
 */
record CreateUser(ProvisioningRuntime runtime) implements Operation<NewHire> {

    private static final String SAMPLE_BODY = "{\"firstName\":\"Priming\",\"lastName\":\"Sample\",\"email\":\"priming@example.com\","
            + "\"login\":\"priming@example.com\",\"activate\":false}";

    @Override
    public NewHire fromHttp(HttpApiRequest request) {
        return NewHireValidator.validateWithoutStartDate(request.jsonObjectBody());
    }

    @Override
    public NewHire fromDirect(Map<String, Object> input) {
        return NewHireValidator.validate(input, runtime.clock());
    }

    @Override
    public OperationResult run(NewHire hire, Deadline deadline) {
        CreateResult result = runtime.service().create(hire, deadline);
        runtime.metrics().outcome(result.outcome());
        Map<String, Object> body = UserJson.created(result, hire.schedule());
        String outcome = result.outcome().name();
        return result.outcome() == CreateOutcome.CREATED
                ? OperationResult.created("/users/" + result.user().id(), body, outcome)
                : OperationResult.ok(body, outcome);
    }

    @Override
    public List<Map<String, Object>> primingEvents() {
        return List.of(Priming.httpEvent("POST", "/users", "POST /users", Map.of(), Map.of(), SAMPLE_BODY),
                Map.of("firstName", "Priming", "lastName", "Sample", "email", "priming@example.com", "login", "priming@example.com"));
    }
}
