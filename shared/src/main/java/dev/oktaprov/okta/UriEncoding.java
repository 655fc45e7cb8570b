package dev.oktaprov.okta;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Percent-encoding for path segments and query values: everything but RFC 3986's unreserved
 * characters is encoded, so a space is {@code %20} (never {@code +}) and {@code + / ? # & =} cannot
 * leak into the URL's structure.
 */
final class UriEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {}

    static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /**
     * Whether a value can travel as one path segment: not with {@code / ? ; \\}, and not as a dot
     * segment, which a server or proxy resolves to another endpoint ({@code /users/..}).
     */
    static boolean fitsInPathSegment(String value) {
        return value.indexOf('/') < 0 && value.indexOf('?') < 0 && value.indexOf(';') < 0 && value.indexOf('\\') < 0
                && !value.equals(".") && !value.equals("..");
    }

    /** {@code name=value} pairs joined with {@code &}, each value encoded; null values are left out. */
    static String query(Map<String, Object> params) {
        StringBuilder query = new StringBuilder();
        params.forEach((name, value) -> {
            if (value != null) {
                query.append(query.length() > 0 ? "&" : "").append(name).append('=').append(encode(value.toString()));
            }
        });
        return query.toString();
    }

    /** Decodes one query value; {@code +} reads as a space, as in any query string. */
    static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
