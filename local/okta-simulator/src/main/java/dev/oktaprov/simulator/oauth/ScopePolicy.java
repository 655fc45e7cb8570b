package dev.oktaprov.simulator.oauth;

import java.util.Optional;

/**
 * The scope an access token needs for each endpoint the simulator serves. Reads need the
 * {@code .read} scope and changes the {@code .manage} scope, each on its own: the simulator does not
 * let a manage scope stand in for a read scope, so a function that forgets to ask for a scope it
 * uses fails here rather than only in some orgs.
 */
public final class ScopePolicy {

    public static final String USERS_MANAGE = "okta.users.manage";
    public static final String USERS_READ = "okta.users.read";
    public static final String GROUPS_MANAGE = "okta.groups.manage";
    public static final String GROUPS_READ = "okta.groups.read";

    private ScopePolicy() {
    }

    /** The scope {@code method} on {@code rawPath} needs; empty for paths outside users and groups. */
    public static Optional<String> requiredScope(String method, String rawPath) {
        String[] segments = (rawPath.startsWith("/") ? rawPath.substring(1) : rawPath).split("/", -1);
        if (segments.length < 3 || !segments[0].equals("api") || !segments[1].equals("v1")) {
            return Optional.empty();
        }
        boolean read = method.equals("GET") || method.equals("HEAD");
        return switch (segments[2]) {
            // /api/v1/users, /users/{id}, /users/{id}/groups, /users/{id}/lifecycle/activate
            case "users" -> Optional.of(read ? USERS_READ : USERS_MANAGE);
            // /api/v1/groups, /groups/{id}, /groups/{id}/users
            case "groups" -> Optional.of(read ? GROUPS_READ : GROUPS_MANAGE);
            default -> Optional.empty();
        };
    }
}
