package dev.oktaprov.okta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OktaExpressionsTest {

    @Test
    void quotesAndEscapes() {
        assertThat(OktaExpressions.eq("profile.login", "a\"b\\c@example.com"))
                .isEqualTo("profile.login eq \"a\\\"b\\\\c@example.com\"");
    }

    @Test
    void aValueCannotChangeTheExpression() {
        String hostile = "x\" or status eq \"ACTIVE";
        String expression = OktaExpressions.eq("profile.lastName", hostile);

        assertThat(expression).isEqualTo("profile.lastName eq \"x\\\" or status eq \\\"ACTIVE\"");
        // Exactly one unescaped quote pair: the value stays one string literal.
        assertThat(expression.replace("\\\"", "").chars().filter(c -> c == '"').count()).isEqualTo(2);
    }

    @Test
    void noValueEscapesItsStringLiteral() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        String alphabet = "ab \"\\()'=&+%#/?*eqorand\t";
        for (int run = 0; run < 5_000; run++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String expression = OktaExpressions.eq("profile.x", value.toString());
            String literal = expression.substring("profile.x eq ".length());
            assertThat(unquote(literal)).as(expression).isEqualTo(value.toString());
        }
    }

    /** Reads one JSON-style string literal that must span the whole text. */
    private static String unquote(String literal) {
        assertThat(literal).startsWith("\"");
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '\\') {
                out.append(literal.charAt(++i));
            } else if (c == '"') {
                assertThat(i).as("the literal ends only at the end: " + literal).isEqualTo(literal.length() - 1);
                return out.toString();
            } else {
                out.append(c);
            }
        }
        throw new AssertionError("unterminated literal: " + literal);
    }

    @Test
    void combinesWithParentheses() {
        assertThat(OktaExpressions.and(OktaExpressions.eq("status", "ACTIVE"),
                OktaExpressions.and(OktaExpressions.eq("profile.lastName", "Do"), OktaExpressions.eq("profile.email", "x"))))
                .isEqualTo("(status eq \"ACTIVE\") and ((profile.lastName eq \"Do\") and (profile.email eq \"x\"))");
        assertThat(OktaExpressions.and("status eq \"ACTIVE\"")).isEqualTo("status eq \"ACTIVE\"");
        assertThatThrownBy(OktaExpressions::and).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("at least one expression is needed");
    }

    @Test
    void refusesAttributeNamesThatAreNotIdentifiers() {
        assertThatThrownBy(() -> OktaExpressions.eq("status eq \"x\" or id", "y")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a b|a%20b",
        "a+b|a%2Bb",
        "é|%C3%A9",
        "a/b?c#d&e=f|a%2Fb%3Fc%23d%26e%3Df",
        "safe-._~|safe-._~"})
    void encodesWithPercent20NeverPlus(String raw, String encoded) {
        assertThat(UriEncoding.encode(raw)).isEqualTo(encoded);
        assertThat(UriEncoding.decode(encoded)).isEqualTo(raw);
    }
}
