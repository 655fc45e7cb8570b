package dev.oktaprov.local.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable<String> routes = new RouteTable<>(routes());

    private static Map<String, String> routes() {
        Map<String, String> routes = new LinkedHashMap<>();
        routes.put("POST /users", "create");
        routes.put("GET /users/{id+}", "get");
        routes.put("GET /users", "list");
        routes.put("GET /users/{id}/groups", "groups");
        routes.put("GET /users/me", "me");
        return routes;
    }

    @Test
    void methodAndPathPickTheRoute() {
        assertThat(routes.match("POST", "/users")).get().extracting(RouteTable.Match::target).isEqualTo("create");
        assertThat(routes.match("GET", "/users")).get().extracting(RouteTable.Match::target).isEqualTo("list");
        assertThat(routes.match("DELETE", "/users")).isEmpty();
        assertThat(routes.match("GET", "/groups")).isEmpty();
        assertThat(routes.match("GET", "/users/")).isEmpty();
    }

    @Test
    void aGreedyParameterTakesTheRestOfThePath() {
        RouteTable.Match<String> match = routes.match("GET", "/users/a/b@example.com").orElseThrow();

        assertThat(match.routeKey()).isEqualTo("GET /users/{id+}");
        assertThat(match.pathParameters()).containsExactly(Map.entry("id", "a/b@example.com"));
    }

    @Test
    void literalSegmentsWinOverParametersAndSingleParametersOverGreedyOnes() {
        assertThat(routes.match("GET", "/users/me")).get().extracting(RouteTable.Match::target).isEqualTo("me");
        RouteTable.Match<String> groups = routes.match("GET", "/users/00u1/groups").orElseThrow();
        assertThat(groups.target()).isEqualTo("groups");
        assertThat(groups.pathParameters()).containsExactly(Map.entry("id", "00u1"));
    }
}
