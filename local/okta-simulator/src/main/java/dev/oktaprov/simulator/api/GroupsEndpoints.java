package dev.oktaprov.simulator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.oktaprov.simulator.SimulatedGroup;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.directory.Directory;
import dev.oktaprov.simulator.directory.Slice;
import dev.oktaprov.simulator.directory.UnknownCursorException;
import dev.oktaprov.simulator.http.ApiRequest;
import dev.oktaprov.simulator.http.ApiResponse;
import dev.oktaprov.simulator.http.OktaErrors;
import dev.oktaprov.simulator.query.ExpressionMatcher;
import dev.oktaprov.simulator.query.InvalidSearchCriteriaException;
import dev.oktaprov.simulator.query.QueryDialect;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/** Enough of /api/v1/groups to look groups up and list their members. */
final class GroupsEndpoints {

    private static final int MAX_GROUPS_LIMIT = 10_000;
    private static final int MAX_MEMBERS_LIMIT = 1_000;

    private final Directory directory;
    private final ObjectMapper mapper;
    private final UserJson userJson;
    private final GroupJson groupJson;
    private final QueryDialect filterDialect = QueryDialect.groupFilter();
    private final QueryDialect searchDialect = QueryDialect.groupSearch();

    GroupsEndpoints(Directory directory, ObjectMapper mapper) {
        this.directory = directory;
        this.mapper = mapper;
        this.userJson = new UserJson(mapper);
        this.groupJson = new GroupJson(mapper);
    }

    ApiResponse list(ApiRequest request) {
        Predicate<SimulatedGroup> matches = group -> true;
        Optional<String> q = request.query().nonBlank("q");
        Optional<String> filter = request.query().nonBlank("filter");
        Optional<String> search = request.query().nonBlank("search");
        if (search.isPresent()) {
            matches = parse(searchDialect, search.get());
        } else if (filter.isPresent()) {
            matches = parse(filterDialect, filter.get());
        } else if (q.isPresent()) {
            String prefix = q.get().toLowerCase(Locale.ROOT);
            matches = group -> group.name().toLowerCase(Locale.ROOT).startsWith(prefix);
        }
        int limit = Paging.limit(request, MAX_GROUPS_LIMIT, MAX_GROUPS_LIMIT);
        Slice<SimulatedGroup> slice;
        try {
            slice = directory.groupsAfter(Paging.after(request), matches, limit);
        } catch (UnknownCursorException e) {
            throw Paging.unknownCursor();
        }
        ArrayNode body = mapper.createArrayNode();
        slice.items().forEach(group -> body.add(groupJson.render(group, request.baseUrl())));
        return ApiResponse.page(body, request.selfUrl(), Paging.nextUrl(request, slice, SimulatedGroup::id));
    }

    ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(groupJson.render(group(request), request.baseUrl()));
    }

    /** Members in the order they were created, every status included. */
    ApiResponse members(ApiRequest request) {
        SimulatedGroup group = group(request);
        int limit = Paging.limit(request, MAX_MEMBERS_LIMIT, MAX_MEMBERS_LIMIT);
        Slice<SimulatedUser> slice;
        try {
            slice = directory.usersAfter(Paging.after(request), user -> user.groupIds().contains(group.id()), limit);
        } catch (UnknownCursorException e) {
            throw Paging.unknownCursor();
        }
        ArrayNode body = mapper.createArrayNode();
        slice.items().forEach(user -> body.add(userJson.render(user, request.baseUrl(), UserJson.Links.SELF_ONLY)));
        return ApiResponse.page(body, request.selfUrl(), Paging.nextUrl(request, slice, SimulatedUser::id));
    }

    private SimulatedGroup group(ApiRequest request) {
        String groupId = request.segment(3);
        return directory.findGroup(groupId).orElseThrow(() -> OktaErrors.notFound(groupId, "UserGroup"));
    }

    private Predicate<SimulatedGroup> parse(QueryDialect dialect, String expression) {
        try {
            return new ExpressionMatcher<>(dialect, Attributes.GROUPS).predicate(dialect.parse(expression));
        } catch (InvalidSearchCriteriaException e) {
            throw OktaErrors.invalidSearchCriteria(dialect.parameter(), e.getMessage());
        }
    }
}
