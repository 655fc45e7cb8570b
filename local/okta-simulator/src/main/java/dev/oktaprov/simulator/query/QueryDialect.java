package dev.oktaprov.simulator.query;

import dev.oktaprov.simulator.query.Expression.Comparison;
import dev.oktaprov.simulator.query.Expression.Literal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which attributes and operators an expression may use, and how values compare. Okta's
 * {@code filter} is narrow and case-sensitive; {@code search} takes any profile attribute and
 * compares strings ignoring case (diacritics stay significant).
 */
public final class QueryDialect {

    private static final Set<Operator> EQ_ONLY = EnumSet.of(Operator.EQ);
    private static final Set<Operator> EQ_AND_ORDERING = EnumSet.of(Operator.EQ, Operator.GT, Operator.GE, Operator.LT, Operator.LE);
    private static final Set<Operator> SEARCH_OPERATORS = EnumSet.of(Operator.EQ, Operator.SW, Operator.PR,
            Operator.GT, Operator.GE, Operator.LT, Operator.LE);
    private static final Set<String> USER_DATES = Set.of("created", "activated", "statusChanged", "lastUpdated",
            "passwordChanged", "lastLogin");
    private static final Set<String> GROUP_DATES = Set.of("created", "lastUpdated", "lastMembershipUpdated");

    private final String parameter;
    private final Set<String> attributes;
    private final boolean anyProfileAttribute;
    private final Set<String> dateAttributes;
    private final Set<String> containsAttributes;
    private final boolean search;

    private QueryDialect(String parameter, Set<String> attributes, boolean anyProfileAttribute,
            Set<String> dateAttributes, Set<String> containsAttributes, boolean search) {
        this.parameter = parameter;
        this.attributes = attributes;
        this.anyProfileAttribute = anyProfileAttribute;
        this.dateAttributes = dateAttributes;
        this.containsAttributes = containsAttributes;
        this.search = search;
    }

    /** {@code GET /api/v1/users?filter=}: status, lastUpdated, id and four profile attributes; eq (lastUpdated also gt/ge/lt/le). */
    public static QueryDialect userFilter() {
        return new QueryDialect("filter",
                Set.of("status", "lastUpdated", "id", "profile.login", "profile.email", "profile.firstName", "profile.lastName"),
                false, Set.of("lastUpdated"), Set.of(), false);
    }

    /** {@code GET /api/v1/users?search=}: any profile attribute and the top-level properties; no ne; co on four attributes. */
    public static QueryDialect userSearch() {
        return new QueryDialect("search",
                Set.of("id", "status", "created", "activated", "statusChanged", "lastUpdated", "passwordChanged",
                        "lastLogin", "type.id"),
                true, USER_DATES,
                Set.of("profile.firstName", "profile.lastName", "profile.email", "profile.login"), true);
    }

    /** {@code GET /api/v1/groups?filter=}: id, type, profile.name and the dates; eq (dates also gt/ge/lt/le). */
    public static QueryDialect groupFilter() {
        return new QueryDialect("filter",
                Set.of("id", "type", "profile.name", "created", "lastUpdated", "lastMembershipUpdated"),
                false, GROUP_DATES, Set.of(), false);
    }

    /** {@code GET /api/v1/groups?search=}. */
    public static QueryDialect groupSearch() {
        return new QueryDialect("search",
                Set.of("id", "type", "created", "lastUpdated", "lastMembershipUpdated"),
                true, GROUP_DATES, Set.of("profile.name", "profile.description"), true);
    }

    public String parameter() {
        return parameter;
    }

    public boolean ignoresCase() {
        return search;
    }

    public boolean isDate(String attribute) {
        return dateAttributes.contains(attribute);
    }

    /** Parses and checks an expression; throws {@link InvalidSearchCriteriaException} like Okta's E0000031. */
    public Expression parse(String input) {
        Expression expression = ExpressionParser.parse(input);
        check(expression);
        return expression;
    }

    private void check(Expression expression) {
        if (expression instanceof Expression.And and) {
            check(and.left());
            check(and.right());
        } else if (expression instanceof Expression.Or or) {
            check(or.left());
            check(or.right());
        } else {
            checkComparison((Comparison) expression);
        }
    }

    /** Whether expressions of this dialect may name the attribute. */
    public boolean knows(String attribute) {
        return attributes.contains(attribute)
                || (anyProfileAttribute && attribute.startsWith("profile.") && attribute.length() > "profile.".length());
    }

    private void checkComparison(Comparison comparison) {
        String attribute = comparison.attribute();
        Operator operator = comparison.operator();
        if (!knows(attribute)) {
            throw new InvalidSearchCriteriaException("'" + attribute + "' cannot be used in " + parameter);
        }
        if (!allowedOperators(attribute).contains(operator)) {
            throw new InvalidSearchCriteriaException("'" + operator.name().toLowerCase(Locale.ROOT)
                    + "' cannot be used with '" + attribute + "' in " + parameter);
        }
        if (isDate(attribute) && operator != Operator.PR) {
            Literal value = comparison.value();
            if (value.kind() != Literal.Kind.STRING || parseDate(value.text()) == null) {
                throw new InvalidSearchCriteriaException("'" + attribute + "' needs a quoted date such as "
                        + "\"2013-06-01T00:00:00.000Z\"");
            }
        }
    }

    private Set<Operator> allowedOperators(String attribute) {
        if (!search) {
            return dateAttributes.contains(attribute) ? EQ_AND_ORDERING : EQ_ONLY;
        }
        if (dateAttributes.contains(attribute)) {
            return EnumSet.of(Operator.EQ, Operator.PR, Operator.GT, Operator.GE, Operator.LT, Operator.LE);
        }
        if (containsAttributes.contains(attribute)) {
            EnumSet<Operator> withContains = EnumSet.copyOf(SEARCH_OPERATORS);
            withContains.add(Operator.CO);
            return withContains;
        }
        return SEARCH_OPERATORS;
    }

    /** Okta's timestamp format, with or without milliseconds; null when not a date. */
    static Instant parseDate(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notOffset) {
                return null;
            }
        }
    }
}
