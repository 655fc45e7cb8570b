package dev.oktaprov.simulator.http;

import java.util.List;

/**
 * One request as the endpoints see it.
 *
 * @param rawSegments the path's segments still percent-encoded (an encoded {@code /} stays inside its segment)
 * @param baseUrl scheme, host and port the client used, for absolute links
 * @param principal who the request was authenticated as (never a secret); null outside /api
 */
public record ApiRequest(
        String method,
        String rawPath,
        List<String> rawSegments,
        QueryParameters query,
        String rawQuery,
        RequestHeaders headers,
        byte[] body,
        String baseUrl,
        String principal) {

    public ApiRequest {
        rawSegments = List.copyOf(rawSegments);
    }

    /** The same request, authenticated as {@code who}. */
    public ApiRequest withPrincipal(String who) {
        return new ApiRequest(method, rawPath, rawSegments, query, rawQuery, headers, body, baseUrl, who);
    }

    /** The decoded segment at {@code index}. */
    public String segment(int index) {
        return PercentDecoding.decode(rawSegments.get(index));
    }

    /** Same method and same path, {@code *} matching any one segment. */
    public boolean is(String expectedMethod, String... pathSegments) {
        return method.equals(expectedMethod) && pathMatches(pathSegments);
    }

    public boolean pathMatches(String... pathSegments) {
        if (rawSegments.size() != pathSegments.length) {
            return false;
        }
        for (int i = 0; i < pathSegments.length; i++) {
            if (!pathSegments[i].equals("*") && !pathSegments[i].equals(rawSegments.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** POST /api/v1/users, the one request a lost-answer fault applies to. */
    public boolean isCreateUser() {
        return is("POST", "api", "v1", "users");
    }

    /** This request's URL, for rel="self". */
    public String selfUrl() {
        return baseUrl + rawPath + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }
}
