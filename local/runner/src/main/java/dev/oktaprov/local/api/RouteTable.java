package dev.oktaprov.local.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP API routing for route keys like {@code GET /users/{id+}}: a request matches on method and
 * path, literal segments before parameters, and a greedy {@code {name+}} takes the rest of the path,
 * slashes included. Paths are matched after percent-decoding, as HTTP API matches them (so an
 * encoded {@code %2F} separates segments). No route: HTTP API's 404.
 */
final class RouteTable<T> {

    /** A route that matched: its key, the path parameters (decoded, named without {@code +}) and its target. */
    record Match<T>(String routeKey, Map<String, String> pathParameters, T target) {
    }

    private record Route<T>(String routeKey, String method, List<String> segments, T target) {

        /** Literal segments first, then single parameters, then greedy ones: HTTP API's precedence. */
        int specificity() {
            int score = 0;
            for (String segment : segments) {
                score = score * 3 + (segment.endsWith("+}") ? 0 : segment.startsWith("{") ? 1 : 2);
            }
            return score;
        }
    }

    private final List<Route<T>> routes = new ArrayList<>();

    RouteTable(Map<String, T> routesByKey) {
        routesByKey.forEach((key, target) -> {
            String[] parts = key.split(" ", 2);
            if (parts.length != 2 || !parts[1].startsWith("/")) {
                throw new IllegalArgumentException("a route key is \"METHOD /path\", not \"" + key + "\"");
            }
            routes.add(new Route<>(key, parts[0].toUpperCase(Locale.ROOT), segments(parts[1]), target));
        });
    }

    /** @param decodedPath the request path, percent-decoded */
    Optional<Match<T>> match(String method, String decodedPath) {
        List<String> request = segments(decodedPath);
        Match<T> best = null;
        int bestScore = -1;
        for (Route<T> route : routes) {
            if (!route.method().equals(method)) {
                continue;
            }
            Map<String, String> parameters = parameters(route.segments(), request);
            if (parameters != null && route.specificity() > bestScore) {
                best = new Match<>(route.routeKey(), parameters, route.target());
                bestScore = route.specificity();
            }
        }
        return Optional.ofNullable(best);
    }

    private static Map<String, String> parameters(List<String> template, List<String> request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String segment = template.get(i);
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                if (i != template.size() - 1 || request.size() <= i) {
                    return null;
                }
                String rest = String.join("/", request.subList(i, request.size()));
                if (rest.isEmpty()) {
                    return null;
                }
                parameters.put(segment.substring(1, segment.length() - 2), rest);
                return parameters;
            }
            if (i >= request.size()) {
                return null;
            }
            String value = request.get(i);
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (value.isEmpty()) {
                    return null;
                }
                parameters.put(segment.substring(1, segment.length() - 1), value);
            } else if (!segment.equals(value)) {
                return null;
            }
        }
        return template.size() == request.size() ? parameters : null;
    }

    /** "/users/a/b" → [users, a, b]; "/" → []. Empty segments inside are kept, so "//" does not match "/". */
    private static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.isEmpty()) {
            return List.of();
        }
        return List.of(trimmed.split("/", -1));
    }
}
