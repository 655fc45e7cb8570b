package dev.oktaprov.credentials;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Okta Management API scopes a function asks for. Each function asks for the least it needs:
 * creating needs {@code okta.users.manage}, plus {@code okta.users.read} for the idempotent lookup
 * after an ambiguous answer; activating needs {@code okta.users.manage}, plus {@code okta.users.read}
 * for the status it checks first; reading users needs {@code okta.users.read}, their group
 * memberships {@code okta.groups.read}.
 */
public final class OAuthScopes {

    public static final String USERS_MANAGE = "okta.users.manage";
    public static final String USERS_READ = "okta.users.read";
    public static final String GROUPS_READ = "okta.groups.read";

    /** create-user and onboarding-queue. */
    public static final List<String> CREATE_USERS = List.of(USERS_MANAGE, USERS_READ);
    /** activate-user: no group scope, its reads are of the user alone. */
    public static final List<String> ACTIVATE_USERS = List.of(USERS_MANAGE, USERS_READ);
    /** get-user and list-users. */
    public static final List<String> READ_USERS = List.of(USERS_READ, GROUPS_READ);
    /** Everything the core can call: for a function that has not declared its needs. */
    public static final List<String> ALL = List.of(USERS_MANAGE, USERS_READ, GROUPS_READ);

    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9._:/-]+");

    private OAuthScopes() {}

    /**
     * Scopes written as one string, separated by spaces and/or commas, e.g. {@code OKTA_SCOPES}.
     *
     * @throws IllegalArgumentException when empty or when a scope has characters no scope has
     */
    public static List<String> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no scope given");
        }
        List<String> scopes = new ArrayList<>();
        for (String part : text.strip().split("[\\s,]+")) {
            if (!part.isEmpty()) {
                scopes.add(part);
            }
        }
        return validated(scopes);
    }

    /** Checks each scope and removes duplicates, keeping the order. */
    public static List<String> validated(List<String> scopes) {
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("no scope given");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String scope : scopes) {
            if (scope == null || !SCOPE.matcher(scope).matches()) {
                throw new IllegalArgumentException("a scope may hold only letters, digits and . _ : / -");
            }
            unique.add(scope);
        }
        return List.copyOf(unique);
    }
}
