package dev.oktaprov.simulator.directory;

import dev.oktaprov.simulator.SeedGroup;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatedGroup;
import dev.oktaprov.simulator.SimulatedUser;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The simulated org's users and groups, in creation order (the order of every listing and of its
 * cursors). Thread-safe: every method holds the directory's lock, so a uniqueness check and the
 * insert it guards are one step.
 */
public final class Directory {

    public static final String EVERYONE = "Everyone";

    static final String DUPLICATE_LOGIN = "login: An object with this field already exists in the current organization";

    private final Clock clock;
    private final OktaIds ids;

    private final List<SimulatedUser> users = new ArrayList<>();
    private final Map<String, Integer> userIndexById = new HashMap<>();
    private final Map<String, String> userIdByLoginKey = new HashMap<>();
    private final List<SimulatedGroup> groups = new ArrayList<>();
    private final Map<String, Integer> groupIndexById = new HashMap<>();
    private String everyoneGroupId;
    private String defaultUserTypeId;
    private SimulatedUser tokenOwner;

    public Directory(Clock clock, OktaIds ids) {
        this.clock = clock;
        this.ids = ids;
        clear();
    }

    /** Back to an org with only the Everyone group (ids restart from the seed). */
    public synchronized void clear() {
        users.clear();
        userIndexById.clear();
        userIdByLoginKey.clear();
        groups.clear();
        groupIndexById.clear();
        ids.restart();
        defaultUserTypeId = ids.userTypeId();
        Instant now = now();
        SimulatedGroup everyone = new SimulatedGroup(ids.groupId(), "BUILT_IN", EVERYONE,
                "All users in your organization", now, now, now);
        putGroup(everyone);
        everyoneGroupId = everyone.id();
        tokenOwner = TokenOwner.user(now, everyoneGroupId, defaultUserTypeId);
    }

    /** The API token's owner, {@code me}: found by id and login, never listed or counted. */
    public synchronized SimulatedUser tokenOwner() {
        return tokenOwner;
    }

    public synchronized String defaultUserTypeId() {
        return defaultUserTypeId;
    }

    public synchronized String everyoneGroupId() {
        return everyoneGroupId;
    }

    // ---- users

    public synchronized CreateOutcome create(NewUser draft) {
        List<String> causes = new ArrayList<>();
        for (String groupId : draft.groupIds()) {
            if (!groupIndexById.containsKey(groupId)) {
                causes.add("groupIds: Group not found: " + groupId);
            }
        }
        if (loginTaken(draft.login())) {
            causes.add(DUPLICATE_LOGIN);
        }
        if (!causes.isEmpty()) {
            return new CreateOutcome.Rejected(causes);
        }
        Instant now = now();
        boolean activated = !draft.status().equals("STAGED");
        SimulatedUser user = new SimulatedUser(newUserId(), draft.status(), now,
                activated ? now : null, activated ? now : null, null, now,
                draft.hasPassword() ? now : null,
                draft.typeId() != null ? draft.typeId() : defaultUserTypeId,
                draft.profile(), draft.hasPassword(), draft.recoveryQuestion(),
                draft.providerType(), draft.providerName(), joinGroups(draft.groupIds(), now));
        putUser(user);
        return new CreateOutcome.Created(user);
    }

    /** Puts a user in without API validation. Throws IllegalArgumentException on a taken login or unknown group. */
    public synchronized SimulatedUser seed(SeedUser seed) {
        String login = (String) seed.profile().get("login");
        if (loginTaken(login)) {
            throw new IllegalArgumentException("seed user login already exists: " + login);
        }
        if (seed.id() != null && userIndexById.containsKey(seed.id())) {
            throw new IllegalArgumentException("seed user id already exists: " + seed.id());
        }
        List<String> groupIds = new ArrayList<>();
        for (String groupIdOrName : seed.groups()) {
            groupIds.add(resolveGroup(groupIdOrName)
                    .orElseThrow(() -> new IllegalArgumentException("seed user group not found: " + groupIdOrName))
                    .id());
        }
        Instant created = seed.created() != null ? seed.created().truncatedTo(ChronoUnit.MILLIS) : now();
        Instant lastUpdated = seed.lastUpdated() != null ? seed.lastUpdated().truncatedTo(ChronoUnit.MILLIS) : created;
        boolean activated = !seed.status().equals("STAGED");
        SimulatedUser user = new SimulatedUser(seed.id() != null ? seed.id() : newUserId(), seed.status(), created,
                activated ? created : null, activated ? lastUpdated : null, null, lastUpdated,
                seed.hasPassword() ? created : null, defaultUserTypeId, seed.profile(), seed.hasPassword(), null,
                "OKTA", "OKTA", joinGroups(groupIds, created));
        putUser(user);
        return user;
    }

    public synchronized Optional<SimulatedUser> findUser(String id) {
        Integer index = userIndexById.get(id);
        return index == null ? Optional.empty() : Optional.of(users.get(index));
    }

    public synchronized Optional<SimulatedUser> findUserByLogin(String login) {
        String id = userIdByLoginKey.get(Logins.uniquenessKey(login));
        return id == null ? Optional.empty() : findUser(id);
    }

    /** By id, then login, then login short name when exactly one user has it; the token's owner too. */
    public synchronized Optional<SimulatedUser> resolveUser(String idOrLogin) {
        if (idOrLogin.equals(tokenOwner.id())
                || Logins.uniquenessKey(idOrLogin).equals(Logins.uniquenessKey(tokenOwner.login()))) {
            return Optional.of(tokenOwner);
        }
        Optional<SimulatedUser> found = findUser(idOrLogin).or(() -> findUserByLogin(idOrLogin));
        if (found.isPresent()) {
            return found;
        }
        String wanted = Logins.uniquenessKey(idOrLogin);
        List<SimulatedUser> byShortName = users.stream()
                .filter(user -> Logins.uniquenessKey(Logins.shortName(user.login())).equals(wanted))
                .limit(2)
                .toList();
        return byShortName.size() == 1 ? Optional.of(byShortName.get(0)) : Optional.empty();
    }

    /**
     * Applies {@code change} to the user atomically; the change may throw to refuse (nothing is
     * stored then).
     */
    public synchronized Optional<SimulatedUser> updateUser(String id, UnaryOperator<SimulatedUser> change) {
        Integer index = userIndexById.get(id);
        if (index == null) {
            return Optional.empty();
        }
        SimulatedUser updated = change.apply(users.get(index));
        users.set(index, updated);
        return Optional.of(updated);
    }

    public synchronized List<SimulatedUser> users() {
        return List.copyOf(users);
    }

    public synchronized int userCount() {
        return users.size();
    }

    /**
     * Up to {@code limit} matching users after the one whose id is {@code afterId} (from the start
     * when null), in creation order.
     */
    public synchronized Slice<SimulatedUser> usersAfter(String afterId, Predicate<SimulatedUser> matches, int limit) {
        return sliceAfter(users, afterId == null ? -1 : indexOf(userIndexById, afterId), matches, limit);
    }

    // ---- groups

    public synchronized SimulatedGroup addGroup(SeedGroup seed) {
        if (seed.id() != null && groupIndexById.containsKey(seed.id())) {
            throw new IllegalArgumentException("group id already exists: " + seed.id());
        }
        boolean nameTaken = groups.stream().anyMatch(group -> group.name().equalsIgnoreCase(seed.name()));
        if (nameTaken) {
            throw new IllegalArgumentException("group name already exists: " + seed.name());
        }
        Instant now = now();
        SimulatedGroup group = new SimulatedGroup(seed.id() != null ? seed.id() : newGroupId(), seed.type(),
                seed.name(), seed.description(), now, now, now);
        putGroup(group);
        return group;
    }

    public synchronized Optional<SimulatedGroup> findGroup(String id) {
        Integer index = groupIndexById.get(id);
        return index == null ? Optional.empty() : Optional.of(groups.get(index));
    }

    /** By id, else by exact name. */
    public synchronized Optional<SimulatedGroup> resolveGroup(String idOrName) {
        return findGroup(idOrName).or(() -> groups.stream().filter(group -> group.name().equals(idOrName)).findFirst());
    }

    public synchronized List<SimulatedGroup> groups() {
        return List.copyOf(groups);
    }

    public synchronized Slice<SimulatedGroup> groupsAfter(String afterId, Predicate<SimulatedGroup> matches, int limit) {
        return sliceAfter(groups, afterId == null ? -1 : indexOf(groupIndexById, afterId), matches, limit);
    }

    // ---- internals

    private boolean loginTaken(String login) {
        String key = Logins.uniquenessKey(login);
        return userIdByLoginKey.containsKey(key) || key.equals(Logins.uniquenessKey(tokenOwner.login()));
    }

    private List<String> joinGroups(List<String> requested, Instant at) {
        Set<String> joined = new LinkedHashSet<>();
        joined.add(everyoneGroupId);
        joined.addAll(requested);
        for (String groupId : joined) {
            int index = groupIndexById.get(groupId);
            groups.set(index, groups.get(index).withMembershipUpdated(at));
        }
        return List.copyOf(joined);
    }

    private void putUser(SimulatedUser user) {
        userIndexById.put(user.id(), users.size());
        users.add(user);
        userIdByLoginKey.put(Logins.uniquenessKey(user.login()), user.id());
    }

    private void putGroup(SimulatedGroup group) {
        groupIndexById.put(group.id(), groups.size());
        groups.add(group);
    }

    private String newUserId() {
        String id = ids.userId();
        while (userIndexById.containsKey(id)) {
            id = ids.userId();
        }
        return id;
    }

    private String newGroupId() {
        String id = ids.groupId();
        while (groupIndexById.containsKey(id)) {
            id = ids.groupId();
        }
        return id;
    }

    private static int indexOf(Map<String, Integer> index, String id) {
        Integer position = index.get(id);
        if (position == null) {
            throw new UnknownCursorException();
        }
        return position;
    }

    private static <T> Slice<T> sliceAfter(List<T> all, int afterIndex, Predicate<T> matches, int limit) {
        List<T> page = new ArrayList<>(Math.min(limit, 256));
        for (int i = afterIndex + 1; i < all.size(); i++) {
            T candidate = all.get(i);
            if (!matches.test(candidate)) {
                continue;
            }
            if (page.size() == limit) {
                return new Slice<>(page, true);
            }
            page.add(candidate);
        }
        return new Slice<>(page, false);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
