package dev.oktaprov.simulator.query;

/** A parsed filter or search expression. */
public sealed interface Expression {

    record And(Expression left, Expression right) implements Expression {
    }

    record Or(Expression left, Expression right) implements Expression {
    }

    /** {@code attribute op value}; for {@link Operator#PR} the value is null. */
    record Comparison(String attribute, Operator operator, Literal value) implements Expression {
    }

    /** A value as written: a quoted string, a number, true/false or null. */
    record Literal(Kind kind, String text) {

        public enum Kind { STRING, NUMBER, BOOLEAN, NULL }
    }
}
