package dev.oktaprov.simulator.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktaprov.simulator.query.Expression.And;
import dev.oktaprov.simulator.query.Expression.Comparison;
import dev.oktaprov.simulator.query.Expression.Literal;
import dev.oktaprov.simulator.query.Expression.Or;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The grammar itself, without HTTP: precedence, quoting, escapes, and what it refuses. */
class ExpressionParserTest {

    private static Comparison eq(String attribute, String value) {
        return new Comparison(attribute, Operator.EQ, new Literal(Literal.Kind.STRING, value));
    }

    @Test
    void andBindsTighterThanOr() {
        Expression parsed = ExpressionParser.parse("status eq \"A\" or status eq \"B\" and id eq \"C\"");

        assertThat(parsed).isEqualTo(new Or(eq("status", "A"), new And(eq("status", "B"), eq("id", "C"))));
    }

    @Test
    void parenthesesGroup() {
        Expression parsed = ExpressionParser.parse("(status eq \"A\" OR status eq \"B\") AND id eq \"C\"");

        assertThat(parsed).isEqualTo(new And(new Or(eq("status", "A"), eq("status", "B")), eq("id", "C")));
    }

    @Test
    void stringsTakeJsonEscapes() {
        Expression parsed = ExpressionParser.parse("profile.lastName eq \"O\\\"Brien \\\\ \\u00e9\\/\"");

        assertThat(parsed).isEqualTo(eq("profile.lastName", "O\"Brien \\ é/"));
    }

    @Test
    void presentNumbersAndBooleans() {
        assertThat(ExpressionParser.parse("profile.nickName pr"))
                .isEqualTo(new Comparison("profile.nickName", Operator.PR, null));
        assertThat(ExpressionParser.parse("profile.age gt 41"))
                .isEqualTo(new Comparison("profile.age", Operator.GT, new Literal(Literal.Kind.NUMBER, "41")));
        assertThat(ExpressionParser.parse("profile.admin eq TRUE"))
                .isEqualTo(new Comparison("profile.admin", Operator.EQ, new Literal(Literal.Kind.BOOLEAN, "true")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "status", "status eq", "status eq ACTIVE", "status equals \"A\"", "eq \"A\"",
            "(status eq \"A\"", "status eq \"A\")", "status eq \"A\" and", "and status eq \"A\"",
            "not status eq \"A\"", "status eq \"A", "status eq \"\\x\"", "status eq \"\\u12\"", "status eq 'A'",
            "status eq \"A\" status eq \"B\"", "status eq -"})
    void malformedExpressionsAreRefused(String expression) {
        assertThatThrownBy(() -> ExpressionParser.parse(expression)).isInstanceOf(InvalidSearchCriteriaException.class);
    }

    @Test
    void dialectsDifferInWhatTheyAllow() {
        assertThat(QueryDialect.userSearch().parse("profile.costCenter sw \"cc\"")).isNotNull();
        assertThatThrownBy(() -> QueryDialect.userFilter().parse("profile.costCenter eq \"cc\""))
                .hasMessageContaining("cannot be used in filter");
        assertThatThrownBy(() -> QueryDialect.userFilter().parse("status gt \"A\""))
                .hasMessageContaining("'gt' cannot be used with 'status'");
        assertThatThrownBy(() -> QueryDialect.userSearch().parse("profile.costCenter co \"cc\""))
                .hasMessageContaining("'co' cannot be used");
        assertThatThrownBy(() -> QueryDialect.userSearch().parse("lastUpdated gt 5"))
                .hasMessageContaining("quoted date");
    }
}
