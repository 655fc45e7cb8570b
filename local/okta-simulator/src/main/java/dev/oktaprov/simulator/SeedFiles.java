package dev.oktaprov.simulator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed file format ({@code --seed FILE}, {@code POST /__sim/seed}):
 * <pre>{@code
 * {"groups": [{"name": "Engineering", "description": "...", "id": "00g...optional", "type": "OKTA_GROUP"}],
 *  "users":  [{"profile": {"login": "a@example.com", "email": "...", "firstName": "...", "lastName": "..."},
 *              "status": "ACTIVE", "password": true, "groups": ["Engineering"],
 *              "id": "00u...optional", "created": "2024-01-02T03:04:05.000Z", "lastUpdated": "..."}]}
 * }</pre>
 */
public final class SeedFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SeedFiles() {
    }

    public static SeedData read(Path file) {
        try {
            return parse(MAPPER.readTree(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed file " + file, e);
        }
    }

    public static SeedData parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("seed data must be a JSON object with \"groups\" and/or \"users\"");
        }
        List<SeedGroup> groups = new ArrayList<>();
        for (JsonNode group : array(root, "groups")) {
            groups.add(new SeedGroup(text(group, "id"), text(group, "name"), text(group, "description"), text(group, "type")));
        }
        List<SeedUser> users = new ArrayList<>();
        for (JsonNode user : array(root, "users")) {
            JsonNode profile = user.get("profile");
            if (profile == null || !profile.isObject()) {
                throw new IllegalArgumentException("every seed user needs a profile object");
            }
            Map<String, Object> profileMap = MAPPER.convertValue(profile, new TypeReference<LinkedHashMap<String, Object>>() { });
            List<String> groupRefs = new ArrayList<>();
            array(user, "groups").forEach(ref -> groupRefs.add(ref.asText()));
            users.add(new SeedUser(text(user, "id"), profileMap, text(user, "status"),
                    !user.has("password") || user.get("password").asBoolean(), groupRefs,
                    instant(user, "created"), instant(user, "lastUpdated")));
        }
        return new SeedData(groups, users);
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("\"" + field + "\" must be an array");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + field + "\" must be a timestamp like 2024-01-02T03:04:05.000Z");
        }
    }
}
