package dev.oktaprov.okta;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds Okta {@code filter} and {@code search} expressions. Values are always double-quoted with
 * {@code "} and {@code \} backslash-escaped, and attribute names must be plain identifiers, so no
 * value can change the structure of an expression. URL encoding happens later, in the client.
 */
public final class OktaExpressions {

    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private OktaExpressions() {}

    /** {@code attribute eq "value"}. */
    public static String eq(String attribute, String value) {
        return compare(attribute, "eq", value);
    }

    /** {@code attribute sw "value"} (starts with; search only). */
    public static String sw(String attribute, String value) {
        return compare(attribute, "sw", value);
    }

    /** {@code attribute co "value"} (contains; search only). */
    public static String co(String attribute, String value) {
        return compare(attribute, "co", value);
    }

    /** Each operand in parentheses, joined with {@code and}; a single operand is returned as it is. */
    public static String and(String... expressions) {
        return join("and", expressions);
    }

    /** Each operand in parentheses, joined with {@code or}; a single operand is returned as it is. */
    public static String or(String... expressions) {
        return join("or", expressions);
    }

    /** A JSON-style double-quoted string literal. */
    public static String quote(String value) {
        Objects.requireNonNull(value, "value");
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    public static boolean isAttributeName(String name) {
        return name != null && ATTRIBUTE.matcher(name).matches();
    }

    private static String compare(String attribute, String operator, String value) {
        if (!isAttributeName(attribute)) {
            throw new IllegalArgumentException("not an attribute name: " + attribute);
        }
        return attribute + " " + operator + " " + quote(value);
    }

    private static String join(String operator, String... expressions) {
        if (expressions.length == 0) {
            throw new IllegalArgumentException("at least one expression is needed");
        }
        if (expressions.length == 1) {
            return expressions[0];
        }
        return Arrays.stream(expressions)
                .map(e -> "(" + e + ")")
                .collect(Collectors.joining(" " + operator + " "));
    }
}
