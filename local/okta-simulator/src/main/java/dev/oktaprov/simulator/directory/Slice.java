package dev.oktaprov.simulator.directory;

import java.util.List;

/** One page of a listing and whether anything matches after it. */
public record Slice<T>(List<T> items, boolean hasMore) {

    public Slice {
        items = List.copyOf(items);
    }
}
