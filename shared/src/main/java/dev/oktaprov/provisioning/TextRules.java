package dev.oktaprov.provisioning;

import dev.oktaprov.errors.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The text rules of the create form, the get reference and the list query; a check adds its error and says if the text passed. */
public final class TextRules {

    private static final String CONTROL_CHARACTERS = "must not contain control characters";
    private static final String LONE_SURROGATE = "must be Unicode text: it holds half of a surrogate pair";
    private static final String FOUR_BYTE_CHARACTERS =
            "must not contain emoji or other characters outside the Basic Multilingual Plane (4-byte UTF-8)";

    private TextRules() {}

    /** Text Okta stores: only characters of up to 3 bytes in UTF-8 and no control characters. */
    public static boolean characters(String field, String text, List<FieldError> errors) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c) || Character.isISOControl(c)) {
                errors.add(new FieldError(field, Character.isSurrogate(c) ? FOUR_BYTE_CHARACTERS : CONTROL_CHARACTERS));
                return false;
            }
        }
        return true;
    }

    /**
     * Text Okta only looks up or matches: no control characters (a 4-byte one finds no user, like any unknown value),
     * and no lone surrogate, which UTF-8 cannot carry: it would be sent as {@code ?}, a lookup of something else.
     */
    public static boolean noControlCharacters(String field, String text, List<FieldError> errors) {
        return passes(text.chars().noneMatch(Character::isISOControl), field, CONTROL_CHARACTERS, errors)
                && passes(StandardCharsets.UTF_8.newEncoder().canEncode(text), field, LONE_SURROGATE, errors);
    }

    /** At most {@code max} characters (UTF-16 units, as Okta counts). */
    public static boolean atMost(String field, String text, int max, List<FieldError> errors) {
        return passes(text.length() <= max, field, tooLong(max), errors);
    }

    public static String tooLong(int max) {
        return "must be at most " + max + " characters long";
    }

    static boolean isPrintable(String text) {
        return text.chars().noneMatch(c -> Character.isISOControl(c) || Character.isSurrogate((char) c));
    }

    static String typeOf(Object value) {
        return value == null ? "null"
                : value instanceof String ? "a string"
                : value instanceof Boolean ? "a boolean"
                : value instanceof Number ? "a number"
                : value instanceof List<?> ? "an array"
                : value instanceof Map<?, ?> ? "an object"
                : "a " + value.getClass().getSimpleName();
    }

    private static boolean passes(boolean passed, String field, String message, List<FieldError> errors) {
        if (!passed) {
            errors.add(new FieldError(field, message));
        }
        return passed;
    }
}
