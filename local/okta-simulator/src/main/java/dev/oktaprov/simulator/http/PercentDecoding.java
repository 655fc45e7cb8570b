package dev.oktaprov.simulator.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding as Okta's edge and API Gateway both do it, in paths and query strings alike:
 * {@code %XX} sequences are UTF-8 bytes, and {@code +} stays a plus sign (form encoding's space, not
 * a URL's), so a login like {@code sam+test@example.com} arrives intact. A client that encodes spaces
 * as {@code +} sends {@code profile.login+eq+"x"}, which Okta rejects with E0000031. A malformed
 * escape is kept as written. The local runner's HTTP API decodes with it too.
 */
public final class PercentDecoding {

    private PercentDecoding() {
    }

    public static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
                bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 2;
            } else {
                // Not an escape: the character as it came (lenient, like most servers), a surrogate pair whole.
                int end = Character.isHighSurrogate(c) && i + 1 < raw.length() ? i + 2 : i + 1;
                bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        // ASCII only: Character.digit would also take other scripts' digits.
        return c < 128 ? Character.digit(c, 16) : -1;
    }
}
