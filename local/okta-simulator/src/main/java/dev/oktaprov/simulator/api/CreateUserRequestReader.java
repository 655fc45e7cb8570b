package dev.oktaprov.simulator.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktaprov.simulator.directory.NewUser;
import dev.oktaprov.simulator.http.ApiRequest;
import dev.oktaprov.simulator.http.OktaErrors;
import dev.oktaprov.simulator.http.QueryParameters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns {@code POST /api/v1/users} into a {@link NewUser} or the Okta error the real endpoint
 * gives: E0000003 for a body that is not a JSON object, E0000125/E0000124 for nextLogin misuse,
 * E0000093 for more than 20 groupIds, E0000001 with one cause per field ("login: ...") otherwise.
 */
final class CreateUserRequestReader {

    static final int MAX_GROUP_IDS = 20;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final List<String> REQUIRED = List.of("login", "firstName", "lastName", "email");
    private static final Set<String> PROVIDER_TYPES = Set.of("ACTIVE_DIRECTORY", "FEDERATION", "IMPORT", "LDAP", "OKTA", "SOCIAL");
    private static final int MIN_PASSWORD_LENGTH = 8;

    /** Length limits of the base profile, from the spec's UserProfile schema. */
    private record Length(String field, int min, int max) {
    }

    private static final List<Length> LENGTHS = List.of(
            new Length("login", 5, 100), new Length("email", 5, 100),
            new Length("firstName", 1, 50), new Length("lastName", 1, 50),
            new Length("secondEmail", 0, 100), new Length("mobilePhone", 0, 100), new Length("primaryPhone", 0, 100),
            new Length("city", 0, 128), new Length("state", 0, 128), new Length("countryCode", 0, 2),
            new Length("zipCode", 0, 50), new Length("streetAddress", 0, 1024), new Length("postalAddress", 0, 4096));

    private final ObjectMapper mapper;

    CreateUserRequestReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    NewUser read(ApiRequest request) {
        QueryParameters query = request.query();
        boolean activate = flag(query, "activate", true);
        boolean withProvider = flag(query, "provider", false);
        String nextLogin = query.get("nextLogin").orElse(null);
        ObjectNode body = parseBody(request.body());

        JsonNode credentials = objectOrAbsent(body.get("credentials"));
        JsonNode password = objectOrAbsent(credentials == null ? null : credentials.get("password"));
        String passwordValue = password == null ? null : textOrNull(password.get("value"));
        boolean hasPassword = passwordValue != null
                || (password != null && (password.has("hash") || password.has("hook")));

        if (nextLogin != null) {
            if (!nextLogin.equals("changePassword")) {
                throw OktaErrors.validation(List.of("nextLogin: The value must be changePassword"));
            }
            if (!activate) {
                throw OktaErrors.expirePasswordNeedsActivation();
            }
            if (!hasPassword) {
                throw OktaErrors.expirePasswordNeedsPassword();
            }
        }

        List<String> groupIds = groupIds(body.get("groupIds"));
        if (groupIds.size() > MAX_GROUP_IDS) {
            throw OktaErrors.tooManyGroups();
        }

        JsonNode profileNode = body.get("profile");
        if (profileNode != null && !profileNode.isNull() && !profileNode.isObject()) {
            throw OktaErrors.malformedBody();
        }
        ObjectNode profile = profileNode instanceof ObjectNode object ? object : mapper.createObjectNode();

        List<String> causes = new ArrayList<>(profileCauses(profile));
        if (passwordValue != null && passwordValue.length() < MIN_PASSWORD_LENGTH) {
            causes.add("password: Password requirements were not met. Password requirements: at least "
                    + MIN_PASSWORD_LENGTH + " characters.");
        }
        JsonNode providerNode = objectOrAbsent(credentials == null ? null : credentials.get("provider"));
        String providerType = providerNode == null ? "OKTA" : textOrNull(providerNode.get("type"));
        if (providerType == null || !PROVIDER_TYPES.contains(providerType)) {
            causes.add("provider: The provider type must be one of " + PROVIDER_TYPES.stream().sorted().toList());
            providerType = "OKTA";
        }
        if (!causes.isEmpty()) {
            throw OktaErrors.validation(causes);
        }
        String providerName = providerNode != null && textOrNull(providerNode.get("name")) != null
                ? textOrNull(providerNode.get("name"))
                : providerType;
        JsonNode recovery = objectOrAbsent(credentials == null ? null : credentials.get("recovery_question"));
        JsonNode type = objectOrAbsent(body.get("type"));

        String status;
        if (!activate) {
            status = "STAGED";
        } else if (nextLogin != null) {
            status = "PASSWORD_EXPIRED";
        } else if (hasPassword || withProvider) {
            status = "ACTIVE";
        } else {
            status = "PROVISIONED";
        }
        return new NewUser(toMap(profile), status, hasPassword,
                recovery == null ? null : textOrNull(recovery.get("question")),
                providerType, providerName, type == null ? null : textOrNull(type.get("id")), groupIds);
    }

    private List<String> profileCauses(ObjectNode profile) {
        List<String> causes = new ArrayList<>();
        for (String field : REQUIRED) {
            if (blank(profile.get(field))) {
                causes.add(field + ": The field cannot be left blank");
            }
        }
        for (Length length : LENGTHS) {
            JsonNode value = profile.get(length.field());
            if (value != null && !value.isNull() && !value.isTextual()) {
                causes.add(length.field() + ": The field must be a string");
            }
        }
        String login = textOrNull(profile.get("login"));
        if (login == null || !EMAIL.matcher(login).matches()) {
            // Okta adds this one even when the login is blank.
            causes.add("login: Username must be in the form of an email address");
        }
        for (String emailField : List.of("email", "secondEmail")) {
            String email = textOrNull(profile.get(emailField));
            if (email != null && !email.isEmpty() && !EMAIL.matcher(email).matches()) {
                causes.add(emailField + ": Does not match required pattern");
            }
        }
        for (Length length : LENGTHS) {
            String value = textOrNull(profile.get(length.field()));
            if (value == null || value.isEmpty()) {
                continue;
            }
            int characters = value.codePointCount(0, value.length());
            if (characters > length.max()) {
                causes.add(length.field() + ": The field cannot be longer than " + length.max() + " characters");
            } else if (characters < length.min()) {
                causes.add(length.field() + ": The field must be at least " + length.min() + " characters");
            }
        }
        profile.fields().forEachRemaining(entry -> {
            if (hasSupplementaryCharacter(entry.getValue())) {
                causes.add(entry.getKey() + ": The field contains characters that are not supported "
                        + "(only characters of up to 3 bytes in UTF-8)");
            }
        });
        return causes;
    }

    private ObjectNode parseBody(byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // falls through to Okta's answer for anything that is not a JSON object
        }
        throw OktaErrors.malformedBody();
    }

    private static List<String> groupIds(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw OktaErrors.malformedBody();
        }
        Set<String> ids = new LinkedHashSet<>();
        List<String> all = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw OktaErrors.malformedBody();
            }
            all.add(element.asText());
            ids.add(element.asText());
        }
        // Okta counts the targets asked for, duplicates included.
        return all.size() > MAX_GROUP_IDS ? all : List.copyOf(ids);
    }

    private static boolean flag(QueryParameters query, String name, boolean absent) {
        // Like Okta's JAX-RS binding: "true" in any case is true, any other value is false.
        return query.get(name).map(value -> value.toLowerCase(Locale.ROOT).equals("true")).orElse(absent);
    }

    private static JsonNode objectOrAbsent(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw OktaErrors.malformedBody();
        }
        return node;
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static boolean blank(JsonNode node) {
        return node == null || node.isNull() || (node.isTextual() && node.asText().isBlank());
    }

    private static boolean hasSupplementaryCharacter(JsonNode node) {
        if (node.isTextual()) {
            return node.asText().codePoints().anyMatch(Character::isSupplementaryCodePoint);
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (hasSupplementaryCharacter(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Map<String, Object> toMap(ObjectNode profile) {
        return mapper.convertValue(profile, new TypeReference<LinkedHashMap<String, Object>>() { });
    }
}
