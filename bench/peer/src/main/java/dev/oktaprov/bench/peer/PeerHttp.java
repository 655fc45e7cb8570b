package dev.oktaprov.bench.peer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.model.Group;
import com.okta.sdk.resource.model.UserProfile;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** HTTP API payload 2.0 in and out for the peer functions, and the user view they answer with. */
final class PeerHttp {

    private PeerHttp() {}

    @SuppressWarnings("unchecked")
    static Map<String, String> map(Map<String, Object> event, String key) {
        Object value = event.get(key);
        return value instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
    }

    static Map<String, Object> answer(ObjectMapper json, int status, Object body) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", status);
        response.put("headers", Map.of("content-type", "application/json"));
        try {
            response.put("body", json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        response.put("isBase64Encoded", false);
        return response;
    }

    static Map<String, Object> error(ObjectMapper json, ApiException e) {
        int status = e.getCode() == 0 ? 502 : e.getCode();
        return answer(json, status, Map.of("code", "OKTA_" + status, "message", "Okta answered " + status));
    }

    static Map<String, Object> user(String id, Object status, OffsetDateTime created, OffsetDateTime activated,
            OffsetDateTime lastUpdated, UserProfile profile) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", id);
        user.put("status", String.valueOf(status));
        user.put("created", text(created));
        user.put("activated", text(activated));
        user.put("lastUpdated", text(lastUpdated));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("login", profile.getLogin());
        view.put("email", profile.getEmail());
        view.put("firstName", profile.getFirstName());
        view.put("lastName", profile.getLastName());
        view.putAll(profile.getAdditionalProperties());
        user.put("profile", view);
        return user;
    }

    static List<Map<String, Object>> groups(List<Group> groups) {
        return groups.stream().map(g -> {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("id", g.getId());
            group.put("name", g.getProfile().getName());
            group.put("type", String.valueOf(g.getType()));
            return group;
        }).toList();
    }

    private static String text(OffsetDateTime at) {
        return at == null ? null : at.toInstant().toString();
    }
}
