package dev.oktaprov.simulator.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A query string, decoded (first value wins), with the raw pairs kept for building Link headers. */
public final class QueryParameters {

    private final Map<String, String> decoded = new LinkedHashMap<>();
    private final List<String[]> rawPairs = new ArrayList<>();

    private QueryParameters() {
    }

    public static QueryParameters parse(String rawQuery) {
        QueryParameters parameters = new QueryParameters();
        for (String[] pair : rawPairs(rawQuery)) {
            parameters.rawPairs.add(pair);
            parameters.decoded.putIfAbsent(PercentDecoding.decode(pair[0]), PercentDecoding.decode(pair[1]));
        }
        return parameters;
    }

    /** The {name, value} pairs of a raw query string in order, still encoded; a name without {@code =} has an empty value. */
    public static List<String[]> rawPairs(String rawQuery) {
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            if (!pair.isEmpty()) {
                pairs.add(equals < 0 ? new String[] {pair, ""} : new String[] {pair.substring(0, equals), pair.substring(equals + 1)});
            }
        }
        return pairs;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(decoded.get(name));
    }

    /** The value, or empty when absent or blank. */
    public Optional<String> nonBlank(String name) {
        return get(name).filter(value -> !value.isBlank());
    }

    /** The raw query without {@code name}, with {@code name=rawValue} appended (for rel="next" links). */
    public String rawWith(String name, String rawValue) {
        StringBuilder query = new StringBuilder();
        for (String[] pair : rawPairs) {
            if (PercentDecoding.decode(pair[0]).equals(name)) {
                continue;
            }
            query.append(query.length() == 0 ? "" : "&").append(pair[0]).append('=').append(pair[1]);
        }
        return query.append(query.length() == 0 ? "" : "&").append(name).append('=').append(rawValue).toString();
    }
}
