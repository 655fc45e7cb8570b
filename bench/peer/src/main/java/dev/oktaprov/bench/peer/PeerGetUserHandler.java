package dev.oktaprov.bench.peer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.api.UserResourcesApi;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.model.UserGetSingleton;
import java.util.Map;

/** {@code GET /users/{id+}} on Okta's SDK: the user and its groups. */
public final class PeerGetUserHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final PeerRuntime runtime = new PeerRuntime();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return runtime.invocation(context, "UsersRead", () -> {
            String id = PeerHttp.map(event, "pathParameters").get("id");
            if (id == null || id.isBlank()) {
                return PeerHttp.answer(runtime.json, 400, Map.of("code", "INVALID_INPUT", "message", "id is required"));
            }
            try {
                UserGetSingleton user = new UserApi(runtime.okta()).getUser(id, null, null);
                Map<String, Object> view = PeerHttp.user(user.getId(), user.getStatus(), user.getCreated(),
                        user.getActivated(), user.getLastUpdated(), user.getProfile());
                view.put("groups", PeerHttp.groups(new UserResourcesApi(runtime.okta()).listUserGroups(user.getId())));
                return PeerHttp.answer(runtime.json, 200, view);
            } catch (ApiException e) {
                return PeerHttp.error(runtime.json, e);
            }
        });
    }
}
