package dev.oktaprov.simulator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktaprov.simulator.SimulatedGroup;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.directory.CreateOutcome;
import dev.oktaprov.simulator.directory.Directory;
import dev.oktaprov.simulator.directory.NewUser;
import dev.oktaprov.simulator.directory.OktaIds;
import dev.oktaprov.simulator.directory.Slice;
import dev.oktaprov.simulator.directory.UnknownCursorException;
import dev.oktaprov.simulator.http.ApiRequest;
import dev.oktaprov.simulator.http.ApiResponse;
import dev.oktaprov.simulator.http.Counters;
import dev.oktaprov.simulator.http.OktaErrors;
import dev.oktaprov.simulator.oauth.AuthorizationServer;
import dev.oktaprov.simulator.query.Expression;
import dev.oktaprov.simulator.query.ExpressionMatcher;
import dev.oktaprov.simulator.query.InvalidSearchCriteriaException;
import dev.oktaprov.simulator.query.QueryDialect;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** /api/v1/users: create, get by id or login, list (q, filter, search), a user's groups, activate. */
final class UsersEndpoints {

    static final int MAX_LIMIT = 200;
    private static final int DEFAULT_Q_LIMIT = 10;
    private static final String SORTED_CURSOR_PREFIX = "s";
    private static final String ME = "me";

    private final Directory directory;
    private final Clock clock;
    private final Supplier<Duration> searchLag;
    private final Counters counters;
    private final OktaIds ids;
    private final ObjectMapper mapper;
    private final UserJson userJson;
    private final GroupJson groupJson;
    private final CreateUserRequestReader createReader;
    private final QueryDialect filterDialect = QueryDialect.userFilter();
    private final QueryDialect searchDialect = QueryDialect.userSearch();

    UsersEndpoints(Directory directory, Clock clock, Supplier<Duration> searchLag, Counters counters, OktaIds ids,
            ObjectMapper mapper) {
        this.directory = directory;
        this.clock = clock;
        this.searchLag = searchLag;
        this.counters = counters;
        this.ids = ids;
        this.mapper = mapper;
        this.userJson = new UserJson(mapper);
        this.groupJson = new GroupJson(mapper);
        this.createReader = new CreateUserRequestReader(mapper);
    }

    ApiResponse create(ApiRequest request) {
        NewUser draft = createReader.read(request);
        CreateOutcome outcome = directory.create(draft);
        if (outcome instanceof CreateOutcome.Rejected rejected) {
            throw OktaErrors.validation(rejected.causes());
        }
        SimulatedUser user = ((CreateOutcome.Created) outcome).user();
        counters.userCreated();
        return ApiResponse.ok(userJson.render(user, request.baseUrl(), UserJson.Links.FULL));
    }

    ApiResponse get(ApiRequest request) {
        SimulatedUser user = resolveByPath(request, 3);
        return ApiResponse.ok(userJson.render(user, request.baseUrl(), UserJson.Links.FULL));
    }

    ApiResponse list(ApiRequest request) {
        Optional<String> search = request.query().nonBlank("search");
        Optional<String> filter = request.query().nonBlank("filter");
        Optional<String> q = request.query().nonBlank("q");
        Predicate<SimulatedUser> visible = visibleToListings();
        if (search.isPresent()) {
            Predicate<SimulatedUser> matches = visible.and(parse(searchDialect, search.get()));
            Optional<String> sortBy = request.query().nonBlank("sortBy");
            if (sortBy.isPresent()) {
                return sortedPage(request, matches, sortBy.get());
            }
            return page(request, matches, Paging.limit(request, MAX_LIMIT, MAX_LIMIT));
        }
        if (filter.isPresent()) {
            return page(request, visible.and(parse(filterDialect, filter.get())), Paging.limit(request, MAX_LIMIT, MAX_LIMIT));
        }
        Predicate<SimulatedUser> notDeprovisioned = user -> !user.status().equals("DEPROVISIONED");
        if (q.isPresent()) {
            // Okta: q is a startsWith on firstName, lastName or email, without pagination.
            String prefix = q.get().toLowerCase(Locale.ROOT);
            Predicate<SimulatedUser> startsWith = user -> startsWith(user.firstName(), prefix)
                    || startsWith(user.lastName(), prefix) || startsWith(user.email(), prefix);
            int limit = Paging.limit(request, DEFAULT_Q_LIMIT, MAX_LIMIT);
            Slice<SimulatedUser> slice = directory.usersAfter(null, visible.and(notDeprovisioned).and(startsWith), limit);
            return ApiResponse.page(users(slice.items(), request), request.selfUrl(), null);
        }
        return page(request, visible.and(notDeprovisioned), Paging.limit(request, MAX_LIMIT, MAX_LIMIT));
    }

    ApiResponse groups(ApiRequest request) {
        SimulatedUser user = resolveByPath(request, 3);
        int limit = Paging.limit(request, MAX_LIMIT, MAX_LIMIT);
        Slice<SimulatedGroup> slice;
        try {
            slice = directory.groupsAfter(Paging.after(request), group -> user.groupIds().contains(group.id()), limit);
        } catch (UnknownCursorException e) {
            throw Paging.unknownCursor();
        }
        ArrayNode body = mapper.createArrayNode();
        slice.items().forEach(group -> body.add(groupJson.render(group, request.baseUrl())));
        return ApiResponse.page(body, request.selfUrl(), Paging.nextUrl(request, slice, SimulatedGroup::id));
    }

    ApiResponse activate(ApiRequest request) {
        SimulatedUser user = resolveByPath(request, 3);
        boolean sendEmail = request.query().get("sendEmail").map(value -> value.equalsIgnoreCase("true")).orElse(true);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        directory.updateUser(user.id(), current -> {
            if (!current.status().equals("STAGED") && !current.status().equals("DEPROVISIONED")) {
                throw OktaErrors.alreadyActive();
            }
            boolean signsInAlready = current.hasPassword() || !current.providerType().equals("OKTA");
            return current.withStatus(signsInAlready ? "ACTIVE" : "PROVISIONED", now);
        });
        ObjectNode body = mapper.createObjectNode();
        if (!sendEmail) {
            String token = ids.activationToken();
            body.put("activationUrl", request.baseUrl() + "/welcome/" + token);
            body.put("activationToken", token);
        }
        return ApiResponse.ok(body);
    }

    /**
     * The user named by path segment {@code index}: id, login or unambiguous short name. Okta
     * cannot fetch a login with {@code /} by path (and {@code ?} or {@code #} only arrive
     * encoded, with the same fate): those are found only through a filter.
     */
    private SimulatedUser resolveByPath(ApiRequest request, int index) {
        String idOrLogin = request.segment(index);
        if (request.rawSegments().get(index).equals(ME)) {
            return me(request);
        }
        boolean unreachableByPath = idOrLogin.contains("/") || idOrLogin.contains("?") || idOrLogin.contains("#");
        Optional<SimulatedUser> user = unreachableByPath ? Optional.empty() : directory.resolveUser(idOrLogin);
        return user.orElseThrow(() -> OktaErrors.notFound(idOrLogin, "User"));
    }

    /**
     * {@code me}: the user behind the credential. An API token acts as its owner; an OAuth service
     * app's token has no user behind it, so Okta finds no {@code me} (404).
     */
    private SimulatedUser me(ApiRequest request) {
        String principal = request.principal();
        if (principal != null && principal.startsWith(AuthorizationServer.PRINCIPAL_PREFIX)) {
            throw OktaErrors.notFound(ME, "User");
        }
        return directory.tokenOwner();
    }

    private ApiResponse page(ApiRequest request, Predicate<SimulatedUser> matches, int limit) {
        Slice<SimulatedUser> slice;
        try {
            slice = directory.usersAfter(Paging.after(request), matches, limit);
        } catch (UnknownCursorException e) {
            throw Paging.unknownCursor();
        }
        return ApiResponse.page(users(slice.items(), request), request.selfUrl(),
                Paging.nextUrl(request, slice, SimulatedUser::id));
    }

    /** search with sortBy: the whole result sorted (ties by id), paged by offset. */
    private ApiResponse sortedPage(ApiRequest request, Predicate<SimulatedUser> matches, String sortBy) {
        if (!searchDialect.knows(sortBy)) {
            throw OktaErrors.invalidSearchCriteria("sortBy", "unknown property");
        }
        String order = request.query().nonBlank("sortOrder").orElse("asc").toLowerCase(Locale.ROOT);
        if (!order.equals("asc") && !order.equals("desc")) {
            throw OktaErrors.invalidSearchCriteria("sortOrder", "must be asc or desc");
        }
        Comparator<String> nullsLast = Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER);
        Comparator<SimulatedUser> byValue = Comparator.comparing(
                (SimulatedUser user) -> Attributes.sortKey(Attributes.USERS.values(user, sortBy)), nullsLast);
        if (order.equals("desc")) {
            byValue = byValue.reversed();
        }
        List<SimulatedUser> sorted = directory.users().stream()
                .filter(matches)
                .sorted(byValue.thenComparing(SimulatedUser::id))
                .toList();
        int offset = sortedOffset(Paging.after(request));
        int limit = Paging.limit(request, MAX_LIMIT, MAX_LIMIT);
        int end = Math.min(sorted.size(), offset + limit);
        List<SimulatedUser> items = offset >= sorted.size() ? List.of() : sorted.subList(offset, end);
        String next = end < sorted.size() ? Paging.nextUrl(request, SORTED_CURSOR_PREFIX + end) : null;
        return ApiResponse.page(users(items, request), request.selfUrl(), next);
    }

    private static int sortedOffset(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            if (cursor.startsWith(SORTED_CURSOR_PREFIX)) {
                return Integer.parseInt(cursor.substring(SORTED_CURSOR_PREFIX.length()));
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Paging.unknownCursor();
    }

    private Predicate<SimulatedUser> parse(QueryDialect dialect, String expression) {
        try {
            Expression parsed = dialect.parse(expression);
            return new ExpressionMatcher<>(dialect, Attributes.USERS).predicate(parsed);
        } catch (InvalidSearchCriteriaException e) {
            throw OktaErrors.invalidSearchCriteria(dialect.parameter(), e.getMessage());
        }
    }

    /** Okta's listings are eventually consistent: with a search lag, new users show up late. */
    private Predicate<SimulatedUser> visibleToListings() {
        Duration lag = searchLag.get();
        if (lag.isZero()) {
            return user -> true;
        }
        Instant now = clock.instant();
        return user -> !user.created().plus(lag).isAfter(now);
    }

    private ArrayNode users(List<SimulatedUser> users, ApiRequest request) {
        ArrayNode body = mapper.createArrayNode();
        users.forEach(user -> body.add(userJson.render(user, request.baseUrl(), UserJson.Links.SELF_ONLY)));
        return body;
    }

    private static boolean startsWith(String value, String lowerCasePrefix) {
        return value != null && value.toLowerCase(Locale.ROOT).startsWith(lowerCasePrefix);
    }
}
