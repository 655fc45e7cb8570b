package dev.oktaprov.activateuser;

import dev.oktaprov.entrypoints.Operation;
import dev.oktaprov.entrypoints.OperationResult;
import dev.oktaprov.entrypoints.http.HttpApiException;
import dev.oktaprov.entrypoints.http.HttpApiRequest;
import dev.oktaprov.provisioning.ActivationResult;
import dev.oktaprov.provisioning.ProvisioningService;
import dev.oktaprov.time.Deadline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Activates a STAGED Okta user on its start date, idempotently: the onboarding state machine's
 * {@code {"id": …}} (optional {@code "sendEmail"}, default true) answers {@code {id, outcome,
 * previousStatus}} with outcome {@code ACTIVATED} or {@code ALREADY_ACTIVE}, or the core's typed
 * exception ({@code UserNotActivatableException} for a deactivated hire). No HTTP route.
 */
record ActivateUser(ProvisioningService service) implements Operation<ActivationRequest> {

    @Override
    public ActivationRequest fromHttp(HttpApiRequest request) {
        // The template gives this function no route; an HTTP event can only be a misconfiguration.
        throw new HttpApiException(404, "NOT_FOUND", "activate-user serves the onboarding state machine only");
    }

    @Override
    public ActivationRequest fromDirect(Map<String, Object> input) {
        return ActivationRequest.from(input);
    }

    @Override
    public OperationResult run(ActivationRequest request, Deadline deadline) {
        ActivationResult result = service.activate(request.userId(), request.sendEmail(), deadline);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", result.user().id());
        body.put("outcome", result.outcome().name());
        body.put("previousStatus", result.user().status());
        return OperationResult.ok(body, result.outcome().name());
    }

    @Override
    public List<Map<String, Object>> primingEvents() {
        return List.of(Map.of("id", "00uPRIMING0000000000"));
    }
}
