package dev.oktaprov.listusers;

import dev.oktaprov.errors.FieldError;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.provisioning.ListRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list request from query parameters ({@code ?q=&filter=&search=&status=&limit=&after=} and
 * {@code profile.<attribute>=value}) or from a direct input (the same names, {@code limit} a number
 * or digits, {@code profile} an object of attribute → value). Unknown names are refused, so that
 * a misspelt cursor does not silently restart at page one. Expressions are checked by the core.
 */
final class ListUsersInput {

    static final List<String> ACCEPTED = List.of("q", "filter", "search", "status", "limit", "after", "profile");
    private static final String PROFILE_PREFIX = "profile.";

    private ListUsersInput() {}

    static ListRequest fromQuery(Map<String, String> query) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> profile = new LinkedHashMap<>();
        query.forEach((name, value) -> {
            if (name.startsWith(PROFILE_PREFIX) && name.length() > PROFILE_PREFIX.length()) {
                profile.put(name.substring(PROFILE_PREFIX.length()), value);
            } else if (!ACCEPTED.contains(name) || name.equals("profile")) {
                errors.add(unknown(name));
            }
        });
        Integer limit = limit(query.get("limit"), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ListRequest(query.get("q"), query.get("filter"), query.get("search"), query.get("status"),
                profile, limit, query.get("after"));
    }

    static ListRequest fromInput(Map<String, Object> input) {
        List<FieldError> errors = new ArrayList<>();
        input.keySet().stream().filter(name -> !ACCEPTED.contains(name)).forEach(name -> errors.add(unknown(name)));
        String q = text(input, "q", errors);
        String filter = text(input, "filter", errors);
        String search = text(input, "search", errors);
        String status = text(input, "status", errors);
        String after = text(input, "after", errors);
        Object rawLimit = input.get("limit");
        Integer limit = rawLimit instanceof Number number ? wholeNumber(number, errors)
                : rawLimit == null || rawLimit instanceof String ? limit((String) rawLimit, errors)
                : invalidLimit(errors);
        Map<String, String> profile = profile(input.get("profile"), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ListRequest(q, filter, search, status, profile, limit, after);
    }

    private static Integer limit(String raw, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String digits = raw.strip();
        if (!digits.matches("[0-9]{1,9}")) {
            return invalidLimit(errors);
        }
        // The range (1-200) is the core's to check.
        return Integer.valueOf(digits);
    }

    private static Integer wholeNumber(Number number, List<FieldError> errors) {
        double value = number.doubleValue();
        if (value != Math.rint(value) || Math.abs(value) > 1_000_000_000) {
            return invalidLimit(errors);
        }
        return (int) value;
    }

    private static Integer invalidLimit(List<FieldError> errors) {
        errors.add(new FieldError("limit", "must be a whole number 1-200"));
        return null;
    }

    private static String text(Map<String, Object> input, String field, List<FieldError> errors) {
        Object value = input.get(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        errors.add(new FieldError(field, "must be a string"));
        return null;
    }

    private static Map<String, String> profile(Object value, List<FieldError> errors) {
        Map<String, String> profile = new LinkedHashMap<>();
        if (value == null) {
            return profile;
        }
        if (!(value instanceof Map<?, ?> map)) {
            errors.add(new FieldError("profile", "must be an object of attribute → value"));
            return profile;
        }
        map.forEach((name, attribute) -> {
            if (attribute instanceof String text) {
                profile.put(String.valueOf(name), text);
            } else {
                errors.add(new FieldError("profile." + name, "must be a string"));
            }
        });
        return profile;
    }

    private static FieldError unknown(String name) {
        return new FieldError(name, "is not a list parameter; accepted: q, filter, search, status, limit, after, profile.<attribute>");
    }
}
