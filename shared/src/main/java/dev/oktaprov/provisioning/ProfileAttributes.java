package dev.oktaprov.provisioning;

import dev.oktaprov.errors.FieldError;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The create request's {@code profile}: further attributes as Okta stores them (strings, numbers,
 * booleans, null, or arrays of those), a base attribute only repeated with the same value.
 */
final class ProfileAttributes {

    private static final Set<String> BASE_PROFILE = Set.of("firstName", "lastName", "email", "login");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,99}");
    private static final int MAX_ATTRIBUTE_VALUE = 10_000;

    private ProfileAttributes() {}

    /** The attributes beyond the four base ones; every problem added to {@code errors}. */
    static Map<String, Object> read(Object value, Map<String, Object> base, List<FieldError> errors) {
        Map<String, Object> extra = new LinkedHashMap<>();
        if (value == null) {
            return extra;
        }
        if (!(value instanceof Map<?, ?> map)) {
            errors.add(new FieldError("profile", "must be an object of profile attributes, not " + TextRules.typeOf(value)));
            return extra;
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                errors.add(new FieldError("profile", "attribute names must start with a letter and hold only letters, digits"
                        + " and underscores (at most 100)"));
                continue;
            }
            String field = "profile." + name;
            Object attribute = entry.getValue();
            if (BASE_PROFILE.contains(name)) {
                Object top = base.get(name);
                // The top-level login and email are composed (NFC): a decomposed repeat is the same text.
                boolean same = attribute instanceof String s && top instanceof String t && nfc(s.strip()).equals(nfc(t));
                if (!same && top != null) {
                    errors.add(new FieldError(field, "conflicts with the top-level " + name + "; give it once"));
                }
                continue;
            }
            if (scalar(field, attribute, errors)) {
                extra.put(name, attribute);
            } else if (attribute instanceof List<?> items) {
                boolean ok = true;
                for (int i = 0; i < items.size(); i++) {
                    Object item = items.get(i);
                    if (item instanceof List<?> || item instanceof Map<?, ?>) {
                        errors.add(new FieldError(field + "[" + i + "]", "must be a string, number, boolean or null"));
                        ok = false;
                    } else {
                        ok &= scalar(field + "[" + i + "]", item, errors);
                    }
                }
                if (ok) {
                    extra.put(name, new ArrayList<>(items));
                }
            } else if (attribute instanceof Map<?, ?>) {
                errors.add(new FieldError(field, "must be a string, number, boolean, null or an array of those, not an object"));
            }
        }
        return extra;
    }

    private static String nfc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** True when {@code value} is an acceptable scalar; adds an error when it is a bad string. */
    private static boolean scalar(String field, Object value, List<FieldError> errors) {
        if (value == null || value instanceof Boolean || value instanceof Number) {
            return true;
        }
        if (value instanceof String s) {
            return TextRules.atMost(field, s, MAX_ATTRIBUTE_VALUE, errors) && TextRules.characters(field, s, errors);
        }
        return false;
    }
}
