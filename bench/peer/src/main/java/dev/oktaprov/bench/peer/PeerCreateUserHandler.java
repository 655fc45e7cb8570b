package dev.oktaprov.bench.peer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.model.CreateUserRequest;
import com.okta.sdk.resource.model.User;
import com.okta.sdk.resource.model.UserGetSingleton;
import com.okta.sdk.resource.model.UserProfile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /users} on Okta's SDK: the create form's fields into a {@link CreateUserRequest};
 * a login that already exists answers the existing user (200), as ours does.
 */
public final class PeerCreateUserHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final List<String> BASE = List.of("firstName", "lastName", "email", "login");

    private final PeerRuntime runtime = new PeerRuntime();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return runtime.invocation(context, "UsersCreated", () -> {
            JsonNode form;
            try {
                form = runtime.json.readTree(String.valueOf(event.get("body")));
            } catch (IOException e) {
                return PeerHttp.answer(runtime.json, 400, Map.of("code", "MALFORMED_JSON", "message", "body is not JSON"));
            }
            for (String field : BASE) {
                if (form.path(field).asText().isBlank()) {
                    return PeerHttp.answer(runtime.json, 400, Map.of("code", "INVALID_INPUT", "message", field + " is required"));
                }
            }
            UserProfile profile = new UserProfile();
            profile.setFirstName(form.path("firstName").asText());
            profile.setLastName(form.path("lastName").asText());
            profile.setEmail(form.path("email").asText());
            profile.setLogin(form.path("login").asText());
            for (Iterator<Map.Entry<String, JsonNode>> it = form.path("profile").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> attribute = it.next();
                profile.getAdditionalProperties().put(attribute.getKey(), attribute.getValue().asText());
            }
            List<String> groupIds = new ArrayList<>();
            form.path("groupIds").forEach(id -> groupIds.add(id.asText()));
            CreateUserRequest request = new CreateUserRequest().profile(profile).groupIds(groupIds);
            UserApi users = new UserApi(runtime.okta());
            try {
                User created = users.createUser(request, form.path("activate").asBoolean(true), false, null);
                return PeerHttp.answer(runtime.json, 201, PeerHttp.user(created.getId(), created.getStatus(),
                        created.getCreated(), created.getActivated(), created.getLastUpdated(), created.getProfile()));
            } catch (ApiException e) {
                if (e.getCode() == 400 && String.valueOf(e.getResponseBody()).contains("already exists")) {
                    return existing(users, profile.getLogin());
                }
                return PeerHttp.error(runtime.json, e);
            }
        });
    }

    private Map<String, Object> existing(UserApi users, String login) {
        try {
            UserGetSingleton user = users.getUser(login, null, null);
            return PeerHttp.answer(runtime.json, 200, PeerHttp.user(user.getId(), user.getStatus(), user.getCreated(),
                    user.getActivated(), user.getLastUpdated(), user.getProfile()));
        } catch (ApiException e) {
            return PeerHttp.error(runtime.json, e);
        }
    }
}
