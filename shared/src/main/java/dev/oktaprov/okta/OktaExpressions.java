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
        if (!isAttributeName(attribute)) {
            throw new IllegalArgumentException("not an attribute name: " + attribute);
        }
        // Backslashes first, so the ones escaping quotes are not doubled.
        String escaped = Objects.requireNonNull(value, "value").replace("\\", "\\\\").replace("\"", "\\\"");
        return attribute + " eq \"" + escaped + '"';
    }

    /** Each operand in parentheses, joined with {@code and}; a single operand is returned as it is. */
    public static String and(String... expressions) {
        if (expressions.length == 0) {
            throw new IllegalArgumentException("at least one expression is needed");
        }
        if (expressions.length == 1) {
            return expressions[0];
        }
        return Arrays.stream(expressions).map(e -> "(" + e + ")").collect(Collectors.joining(" and "));
    }

    public static boolean isAttributeName(String name) {
        return name != null && ATTRIBUTE.matcher(name).matches();
    }
}
