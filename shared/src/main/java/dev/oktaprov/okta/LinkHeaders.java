package dev.oktaprov.okta;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads RFC 8288 {@code Link} headers as Okta sends them: one header per relation, or several joined
 * with commas, header name in any case, {@code rel} quoted or not.
 */
final class LinkHeaders {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]*)*)");
    private static final Pattern REL = Pattern.compile("(?i)\\brel\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;,\"]+))");

    private LinkHeaders() {}

    /** The target of the first {@code rel="next"} link among all {@code values}. */
    static Optional<URI> next(List<String> values) {
        for (String value : values) {
            Matcher link = LINK.matcher(value);
            while (link.find()) {
                Matcher rel = REL.matcher(link.group(2));
                while (rel.find()) {
                    String rels = rel.group(1) != null ? rel.group(1) : rel.group(2);
                    for (String r : rels.trim().split("\\s+")) {
                        if (r.toLowerCase(Locale.ROOT).equals("next")) {
                            return Optional.of(URI.create(link.group(1).trim()));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The decoded value of query parameter {@code name}, if present. */
    static Optional<String> queryParameter(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = UriEncoding.decode(eq < 0 ? pair : pair.substring(0, eq));
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : UriEncoding.decode(pair.substring(eq + 1)));
            }
        }
        return Optional.empty();
    }
}
