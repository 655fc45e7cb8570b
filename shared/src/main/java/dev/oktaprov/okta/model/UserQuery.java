package dev.oktaprov.okta.model;

import java.util.LinkedHashMap;
import java.util.Map;

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

    /** The query parameters in Okta's order; null values are left out when sent. */
    public Map<String, Object> parameters() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("q", q);
        params.put("filter", filter);
        params.put("search", search);
        params.put("limit", limit);
        params.put("after", after);
        params.put("sortBy", sortBy);
        params.put("sortOrder", sortOrder);
        return params;
    }
}
