package dev.oktaprov.simulator;

import java.util.Arrays;
import java.util.Locale;

/**
 * Okta's rate-limit buckets for the paths the simulator serves, with the last published per-minute
 * limits for a Workforce Identity org. A request falls in the bucket of its method and path: the
 * exact paths first, then the longest prefix, like Okta.
 */
public enum RateLimitBucket {
    /** GET or POST to /api/v1/users (create, list). */
    USERS("users", "GET|POST /api/v1/users", 600),
    /** GET /api/v1/users/{idOrLogin}. */
    USER_GET("user-get", "GET /api/v1/users/{idOrLogin}", 2000),
    /** POST, PUT or DELETE to /api/v1/users/{id}. */
    USER_UPDATE("user-update", "POST|PUT|DELETE /api/v1/users/{id}", 600),
    /** /api/v1/groups and everything under it except /api/v1/groups/{id}. */
    GROUPS("groups", "/api/v1/groups except /api/v1/groups/{id}", 500),
    /** /api/v1/groups/{id} only. */
    GROUP_GET("group-get", "/api/v1/groups/{id}", 1000),
    /** Most other API actions under /api/v1 (user groups, lifecycle operations). */
    OTHER("other", "/api/v1 (most other API actions)", 1200);

    private final String id;
    private final String description;
    private final int defaultPerMinute;

    RateLimitBucket(String id, String description, int defaultPerMinute) {
        this.id = id;
        this.description = description;
        this.defaultPerMinute = defaultPerMinute;
    }

    /** The name used on the command line (--limit-ID) and in the admin JSON. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public int defaultPerMinute() {
        return defaultPerMinute;
    }

    /** Accepts the id ("user-get") or the enum name ("USER_GET"). */
    public static RateLimitBucket fromId(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values())
                .filter(bucket -> bucket.id.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown rate-limit bucket: " + name
                        + " (known: " + Arrays.stream(values()).map(RateLimitBucket::id).toList() + ")"));
    }

    /** The bucket Okta counts a request against. */
    public static RateLimitBucket of(String method, String path) {
        String[] segments = trimmedSegments(path);
        // segments: api, v1, users|groups, ...
        if (segments.length >= 3 && segments[2].equals("users")) {
            if (segments.length == 3) {
                return method.equals("GET") || method.equals("POST") ? USERS : OTHER;
            }
            if (segments.length == 4) {
                return method.equals("GET") ? USER_GET : USER_UPDATE;
            }
            return OTHER;
        }
        if (segments.length >= 3 && segments[2].equals("groups")) {
            return segments.length == 4 ? GROUP_GET : GROUPS;
        }
        return OTHER;
    }

    private static String[] trimmedSegments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.split("/", -1);
    }
}
