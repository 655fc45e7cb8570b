package dev.oktaprov.simulator.query;

import dev.oktaprov.simulator.query.Expression.Comparison;
import dev.oktaprov.simulator.query.Expression.Literal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** Evaluates a checked expression against entities: a comparison holds when any value of the attribute satisfies it. */
public final class ExpressionMatcher<T> {

    private final QueryDialect dialect;
    private final AttributeReader<T> reader;

    public ExpressionMatcher(QueryDialect dialect, AttributeReader<T> reader) {
        this.dialect = dialect;
        this.reader = reader;
    }

    public Predicate<T> predicate(Expression expression) {
        return entity -> matches(expression, entity);
    }

    public boolean matches(Expression expression, T entity) {
        if (expression instanceof Expression.And and) {
            return matches(and.left(), entity) && matches(and.right(), entity);
        }
        if (expression instanceof Expression.Or or) {
            return matches(or.left(), entity) || matches(or.right(), entity);
        }
        return matchesComparison((Comparison) expression, entity);
    }

    private boolean matchesComparison(Comparison comparison, T entity) {
        List<Object> values = reader.values(entity, comparison.attribute());
        if (comparison.operator() == Operator.PR) {
            return values.stream().anyMatch(value -> !(value instanceof String text) || !text.isEmpty());
        }
        Literal literal = comparison.value();
        if (literal.kind() == Literal.Kind.NULL) {
            return comparison.operator() == Operator.EQ && values.isEmpty();
        }
        return values.stream().anyMatch(value -> holds(comparison.operator(), value, literal));
    }

    private boolean holds(Operator operator, Object value, Literal literal) {
        if (value instanceof Instant instant) {
            Instant wanted = QueryDialect.parseDate(literal.text());
            return wanted != null && ordered(operator, instant.compareTo(wanted));
        }
        if (value instanceof Number number && literal.kind() == Literal.Kind.NUMBER) {
            return ordered(operator, new BigDecimal(number.toString()).compareTo(new BigDecimal(literal.text())));
        }
        String actual = fold(String.valueOf(value));
        String wanted = fold(literal.text());
        return switch (operator) {
            case SW -> actual.startsWith(wanted);
            case CO -> actual.contains(wanted);
            default -> ordered(operator, actual.compareTo(wanted));
        };
    }

    private static boolean ordered(Operator operator, int comparison) {
        return switch (operator) {
            case EQ -> comparison == 0;
            case GT -> comparison > 0;
            case GE -> comparison >= 0;
            case LT -> comparison < 0;
            case LE -> comparison <= 0;
            default -> false;
        };
    }

    private String fold(String text) {
        return dialect.ignoresCase() ? text.toLowerCase(Locale.ROOT) : text;
    }
}
