package dev.oktaprov.provisioning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request for one page of users.
 *
 * @param q Okta's startsWith query on names and email
 * @param filter an Okta filter expression, passed through
 * @param search an Okta search expression, passed through (combined with {@code status} and
 *     {@code profileEquals} by {@code and})
 * @param status one of Okta's user statuses, turned into {@code status eq "…"}
 * @param profileEquals attribute → value pairs, each turned into {@code profile.<attribute> eq "…"}
 * @param limit 1-200; null for Okta's default
 * @param after the cursor of the previous page
 */
public record ListRequest(String q, String filter, String search, String status, Map<String, String> profileEquals,
        Integer limit, String after) {

    public ListRequest {
        profileEquals = Collections.unmodifiableMap(new LinkedHashMap<>(profileEquals == null ? Map.of() : profileEquals));
    }

    public static ListRequest firstPage(Integer limit) {
        return new ListRequest(null, null, null, null, Map.of(), limit, null);
    }
}
