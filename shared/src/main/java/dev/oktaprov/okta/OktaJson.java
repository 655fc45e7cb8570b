package dev.oktaprov.okta;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.oktaprov.okta.model.CreateUserRequest;
import dev.oktaprov.okta.model.Group;
import dev.oktaprov.okta.model.Profile;
import dev.oktaprov.okta.model.User;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The project's one Jackson configuration, and the reading of Okta's JSON into our records.
 *
 * <p>{@link Instant} is written with its {@code toString()} and read by a tiny deserializer instead
 * of the jsr310 module: Okta's timestamps are ISO-8601 and every module costs cold-start time. Unknown properties are ignored:
 * Okta adds fields without notice.
 */
public final class OktaJson {

    public static final ObjectMapper MAPPER = newMapper();

    private OktaJson() {}

    private static ObjectMapper newMapper() {
        SimpleModule time = new SimpleModule("instants")
                .addSerializer(Instant.class, ToStringSerializer.instance)
                .addDeserializer(Instant.class, new JsonDeserializer<>() {
                    @Override
                    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                        String text = p.getValueAsString();
                        Instant parsed = instant(text);
                        if (parsed == null && text != null && !text.isBlank()) {
                            return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 timestamp");
                        }
                        return parsed;
                    }
                });
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .addModule(time)
                .build();
    }

    /** Parses {@code 2013-06-24T16:39:18.000Z} or an offset form; null for null/blank/unparseable. */
    public static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** Okta's create-user body: the profile, the password if any, the group ids if any. */
    static byte[] createUserBody(CreateUserRequest request) {
        ObjectNode body = MAPPER.createObjectNode();
        body.set("profile", MAPPER.valueToTree(request.profile().attributes()));
        if (request.password() != null) {
            body.putObject("credentials").putObject("password").put("value", request.password());
        }
        if (!request.groupIds().isEmpty()) {
            request.groupIds().forEach(body.putArray("groupIds")::add);
        }
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a create-user body", e);
        }
    }

    static User user(JsonNode node) {
        requireObject(node, "user");
        return new User(
                text(node, "id"),
                text(node, "status"),
                text(node, "transitioningToStatus"),
                instant(text(node, "created")),
                instant(text(node, "activated")),
                instant(text(node, "statusChanged")),
                instant(text(node, "lastLogin")),
                instant(text(node, "lastUpdated")),
                instant(text(node, "passwordChanged")),
                text(node.path("type"), "id"),
                profile(node.path("profile")));
    }

    static Group group(JsonNode node) {
        requireObject(node, "group");
        JsonNode profile = node.path("profile");
        return new Group(text(node, "id"), text(node, "type"), text(profile, "name"), text(profile, "description"));
    }

    @SuppressWarnings("unchecked")
    static Profile profile(JsonNode node) {
        if (!node.isObject()) {
            return new Profile(Map.of());
        }
        return new Profile(MAPPER.convertValue(node, LinkedHashMap.class));
    }

    private static void requireObject(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object for a " + what);
        }
    }

    /** A field as text; null when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
