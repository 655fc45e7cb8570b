package dev.oktaprov.simulator.query;

import java.util.List;

/**
 * The values of an attribute of one entity: strings, numbers, booleans or Instants (for date
 * attributes); arrays flattened; an absent or null attribute has no values.
 */
@FunctionalInterface
public interface AttributeReader<T> {

    List<Object> values(T entity, String attribute);
}
