package dev.oktaprov.template;

/**
 * The values a template number can take: a literal is one value, a parameter reference is every
 * value its MinValue/MaxValue or AllowedValues permit. Checks compare worst cases, so a rule holds
 * for any parameter value a user may choose, not just the defaults.
 */
record NumberRange(long min, long max) {

    static NumberRange exactly(long value) {
        return new NumberRange(value, value);
    }

    @Override
    public String toString() {
        return min == max ? Long.toString(min) : min + ".." + max;
    }
}
