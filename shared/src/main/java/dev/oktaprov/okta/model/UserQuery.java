package dev.oktaprov.okta.model;

/**
 * Parameters of {@code GET /api/v1/users}, sent as given (null ones are left out). Build
 * {@code filter} and {@code search} with {@link dev.oktaprov.okta.OktaExpressions}.
 */
public record UserQuery(String q, String filter, String search, Integer limit, String after, String sortBy, String sortOrder) {

    public static UserQuery all() {
        return new UserQuery(null, null, null, null, null, null, null);
    }

    public static UserQuery filter(String filter, Integer limit) {
        return new UserQuery(null, filter, null, limit, null, null, null);
    }

    public UserQuery withAfter(String cursor) {
        return new UserQuery(q, filter, search, limit, cursor, sortBy, sortOrder);
    }
}
