package dev.oktaprov.runtime.api;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The one route a function serves, e.g. {@code GET /users/{id+}}. A template segment {@code {name}}
 * matches one path segment, {@code {name+}} (last only) the rest of the path, slashes included.
 *
 * <p>API Gateway has matched the route already and names it in {@code routeKey}; the path is
 * matched only when there is no specific route key ({@code $default}, or a local API that sends
 * none). A route key that differs only by the greedy {@code +} is the same route.
 */
public record ApiRoute(String method, String pathTemplate) {

    public ApiRoute {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        if (!Objects.requireNonNull(pathTemplate, "pathTemplate").startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with /: " + pathTemplate);
        }
    }

    public static ApiRoute of(String method, String pathTemplate) {
        return new ApiRoute(method, pathTemplate);
    }

    /** {@code GET /users/{id+}}, as API Gateway spells route keys. */
    public String routeKey() {
        return method + " " + pathTemplate;
    }

    /**
     * The request with its path parameters (the event's own, else read from the path).
     *
     * @throws HttpApiException 404 {@code ROUTE_NOT_FOUND} for another path, 405
     *     {@code METHOD_NOT_ALLOWED} (with {@code Allow}) for another method on this path
     */
    public HttpApiRequest match(HttpApiRequest request) {
        String routeKey = request.routeKey();
        boolean specificRoute = routeKey != null && !routeKey.isBlank() && !routeKey.equals("$default");
        Map<String, String> fromPath = null;
        boolean pathMatches;
        if (specificRoute) {
            int space = routeKey.indexOf(' ');
            String routePath = space < 0 ? routeKey : routeKey.substring(space + 1);
            pathMatches = withoutGreedyMarks(routePath).equals(withoutGreedyMarks(pathTemplate));
        } else {
            fromPath = parameters(withoutStage(request.rawPath(), request.stage()));
            pathMatches = fromPath != null;
        }
        if (!pathMatches) {
            throw new HttpApiException(404, HttpApiException.ROUTE_NOT_FOUND,
                    "No route " + request.method() + " " + describe(request) + "; this function serves " + routeKey());
        }
        if (!method.equals(request.method())) {
            throw new HttpApiException(405, HttpApiException.METHOD_NOT_ALLOWED,
                    "Method " + request.method() + " is not allowed here; this function serves " + routeKey(),
                    Map.of("Allow", method));
        }
        if (request.pathParameters().isEmpty() && fromPath != null && !fromPath.isEmpty()) {
            return request.withPathParameters(fromPath);
        }
        return request;
    }

    /** The template's parameters read from {@code path} (already decoded: taken as is), or null when it does not match. */
    Map<String, String> parameters(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        String[] template = segments(pathTemplate);
        String[] actual = segments(path);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String expected = template[i];
            boolean parameter = expected.startsWith("{") && expected.endsWith("}");
            if (parameter && expected.endsWith("+}")) {
                if (i >= actual.length) {
                    return null;
                }
                String rest = String.join("/", Arrays.copyOfRange(actual, i, actual.length));
                parameters.put(expected.substring(1, expected.length() - 2), rest);
                return rest.isEmpty() ? null : parameters;
            }
            if (i >= actual.length) {
                return null;
            }
            if (parameter) {
                if (actual[i].isEmpty()) {
                    return null;
                }
                parameters.put(expected.substring(1, expected.length() - 1), actual[i]);
            } else if (!expected.equals(actual[i])) {
                return null;
            }
        }
        return template.length == actual.length ? parameters : null;
    }

    private static String[] segments(String path) {
        String trimmed = path.substring(1);
        // One trailing slash is forgiven: /users/ is /users.
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    /** A named stage appears as the path's first segment; {@code $default} does not. */
    private static String withoutStage(String path, String stage) {
        if (path == null || stage == null || stage.isBlank() || stage.equals("$default")) {
            return path;
        }
        String prefix = "/" + stage;
        if (path.equals(prefix)) {
            return "/";
        }
        return path.startsWith(prefix + "/") ? path.substring(prefix.length()) : path;
    }

    private static String withoutGreedyMarks(String path) {
        return path.replace("+}", "}");
    }

    private static String describe(HttpApiRequest request) {
        String routeKey = request.routeKey();
        if (routeKey != null && !routeKey.isBlank() && !routeKey.equals("$default")) {
            int space = routeKey.indexOf(' ');
            return space < 0 ? routeKey : routeKey.substring(space + 1);
        }
        // The raw path may carry a login: name only its first segment.
        String path = request.rawPath() == null ? "" : request.rawPath();
        int second = path.indexOf('/', 1);
        return second < 0 ? path : path.substring(0, second) + "/…";
    }
}
