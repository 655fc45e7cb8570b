package dev.oktaprov.okta.model;

import java.util.List;

/**
 * One page of results. {@code nextCursor} is the {@code after} value of Okta's {@code rel="next"}
 * link: opaque, passed back unchanged to get the next page; {@code null} on the last page.
 */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    public boolean hasNext() {
        return nextCursor != null;
    }
}
