package dev.oktaprov.provisioning;

import dev.oktaprov.errors.FieldError;
import java.util.List;
import java.util.Map;

/**
 * The rules of every text an input carries, written once for the create form, the get reference and
 * the list query: its length, control characters, and for text Okta stores, 4-byte characters. Each
 * check adds its error to {@code errors} and answers whether the text passed.
 */
public final class TextRules {

    private TextRules() {}

    /** Text Okta stores: only characters of up to 3 bytes in UTF-8 and no control characters. */
    public static boolean characters(String field, String text, List<FieldError> errors) {
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

    /**
     * Text Okta only looks up or matches (an id, a login to read, a list query): no control characters.
     * A 4-byte character is no error there: Okta answers it with no user, as for any unknown value.
     */
    public static boolean noControlCharacters(String field, String text, List<FieldError> errors) {
        if (text.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(field, "must not contain control characters"));
            return false;
        }
        return true;
    }

    /** At most {@code max} characters (UTF-16 units, as Okta counts). */
    public static boolean atMost(String field, String text, int max, List<FieldError> errors) {
        if (text.length() > max) {
            errors.add(new FieldError(field, tooLong(max)));
            return false;
        }
        return true;
    }

    /** The error of a text over {@code max} characters. */
    public static String tooLong(int max) {
        return "must be at most " + max + " characters long";
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
