package dev.oktaprov.simulator.api;

import dev.oktaprov.simulator.directory.Slice;
import dev.oktaprov.simulator.http.ApiRequest;
import dev.oktaprov.simulator.http.OktaErrors;
import java.util.List;
import java.util.function.Function;

/** limit and after, and the Link headers of a page. */
final class Paging {

    private Paging() {
    }

    /** The page size: the default when absent, clamped to the maximum like Okta; 400 when not a positive integer. */
    static int limit(ApiRequest request, int defaultLimit, int max) {
        String value = request.query().nonBlank("limit").orElse(null);
        if (value == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1) {
                return Math.min(limit, max);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw OktaErrors.validation(List.of("limit: The value must be a positive integer"));
    }

    static String after(ApiRequest request) {
        return request.query().nonBlank("after").orElse(null);
    }

    static String nextUrl(ApiRequest request, String cursor) {
        return request.baseUrl() + request.rawPath() + "?" + request.query().rawWith("after", cursor);
    }

    /** The next link of a slice: after its last item, when more items match. */
    static <T> String nextUrl(ApiRequest request, Slice<T> slice, Function<T, String> cursorOf) {
        if (!slice.hasMore() || slice.items().isEmpty()) {
            return null;
        }
        return nextUrl(request, cursorOf.apply(slice.items().get(slice.items().size() - 1)));
    }

    static RuntimeException unknownCursor() {
        return OktaErrors.validation(List.of("after: The cursor is not valid"));
    }
}
