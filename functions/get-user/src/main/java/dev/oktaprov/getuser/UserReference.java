package dev.oktaprov.getuser;

import dev.oktaprov.errors.FieldError;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.provisioning.TextRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which user to read: an Okta id or a login, checked before anything is sent to Okta. Values are
 * taken as given (HTTP API has decoded the path already): a login's {@code +} stays a plus. Okta's
 * reserved {@code me} is refused.
 */
final class UserReference {

    static final int MAX_LENGTH = 100;
    private static final Set<String> ACCEPTED_FIELDS = Set.of("id", "login");
    private static final String USERS_PREFIX = "/users/";

    private UserReference() {}

    /** {@code GET /users/{id+}}: the path parameter, an id or a login. */
    static String fromPath(String idOrLogin) {
        List<FieldError> errors = new ArrayList<>();
        String value = check("id", idOrLogin, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return value;
    }

    /**
     * What follows {@code /users/} in a raw path ({@code /users/it/ops@example.com}, or under a stage,
     * {@code /prod/users/…}), one trailing slash forgiven; null when there is nothing.
     */
    static String afterUsers(String rawPath) {
        int at = rawPath == null ? -1 : rawPath.indexOf(USERS_PREFIX);
        if (at < 0) {
            return null;
        }
        String rest = rawPath.substring(at + USERS_PREFIX.length());
        return rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
    }

    /** A direct invocation: exactly one of {@code {"id": …}} and {@code {"login": …}}. */
    static String fromInput(Map<String, Object> input) {
        List<FieldError> errors = new ArrayList<>();
        for (String key : input.keySet()) {
            if (!ACCEPTED_FIELDS.contains(key)) {
                errors.add(new FieldError(key, "is not accepted; give id or login"));
            }
        }
        boolean hasId = input.get("id") != null;
        boolean hasLogin = input.get("login") != null;
        String value = null;
        if (hasId && hasLogin) {
            errors.add(new FieldError("login", "give id or login, not both"));
        } else if (hasId || hasLogin) {
            String field = hasId ? "id" : "login";
            value = input.get(field) instanceof String text
                    ? check(field, text, errors)
                    : reject(field, "must be a string", errors);
        } else {
            errors.add(new FieldError("id", "is required (or login)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return value;
    }

    private static String check(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return reject(field, "is required", errors);
        }
        String text = value.strip();
        if (text.length() > MAX_LENGTH) {
            return reject(field, TextRules.tooLong(MAX_LENGTH) + ", was " + text.length(), errors);
        }
        if (!TextRules.noControlCharacters(field, text, errors)) {
            return null;
        }
        if (text.equalsIgnoreCase(OktaClient.RESERVED_ME)) {
            // Okta would answer with the API credential's own user, usually a super admin, and its groups.
            return reject(field, "must not be \"me\": Okta reads it as the API credential's own user; give the user's id or login",
                    errors);
        }
        return text;
    }

    private static String reject(String field, String message, List<FieldError> errors) {
        errors.add(new FieldError(field, message));
        return null;
    }
}
