package dev.oktaprov.simulator.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A request's headers, looked up by name ignoring case (HTTP field names are case-insensitive). */
public final class RequestHeaders {

    private final Map<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public RequestHeaders(Map<String, List<String>> headers) {
        headers.forEach((name, list) -> values.computeIfAbsent(name, key -> new ArrayList<>()).addAll(list));
    }

    /** The first value of {@code name}, or null when the request does not carry it. */
    public String first(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    /** Every value of {@code name} (a header sent twice counts twice), or none. */
    public List<String> all(String name) {
        return List.copyOf(values.getOrDefault(name, List.of()));
    }
}
