package dev.oktaprov.simulator.query;

import java.util.Locale;

/** The comparison operators of Okta's (SCIM-like) expression language. */
public enum Operator {
    EQ, NE, SW, CO, PR, GT, GE, LT, LE;

    static Operator parse(Token token) {
        try {
            return valueOf(token.text().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSearchCriteriaException("unknown operator '" + token.text() + "' at " + token.position());
        }
    }

    boolean isOrdering() {
        return this == GT || this == GE || this == LT || this == LE;
    }
}
