package dev.oktaprov.provisioning;

import dev.oktaprov.errors.FieldError;
import java.util.List;
import java.util.Map;

/** The rules every text of a create request meets, and how a wrong value is named in an error. */
final class TextRules {

    private TextRules() {}

    /** Okta stores only characters of up to 3 bytes in UTF-8 and no control characters. */
    static boolean characters(String field, String text, List<FieldError> errors) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                errors.add(new FieldError(field, "must not contain emoji or other characters outside the Basic"
                        + " Multilingual Plane (4-byte UTF-8)"));
                return false;
            }
            if (Character.isISOControl(c)) {
                errors.add(new FieldError(field, "must not contain control characters"));
                return false;
            }
        }
        return true;
    }

    static boolean isPrintable(String text) {
        return text.chars().noneMatch(c -> Character.isISOControl(c) || Character.isSurrogate((char) c));
    }

    static String typeOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
