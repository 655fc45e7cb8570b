package dev.oktaprov.testsupport;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A captured line as it reads once JSON's string escapes are undone, once and twice: log lines are JSON
 * objects, and an HTTP answer is JSON whose body is JSON in a string. A secret with a quote, a backslash
 * or a line break never appears in them as it is, only escaped.
 */
final class JsonEscapes {

    private JsonEscapes() {}

    /** {@code text}, and what it reads as after one and two rounds of unescaping (when they differ). */
    static Set<String> readings(String text) {
        Set<String> readings = new LinkedHashSet<>();
        readings.add(text);
        String once = unescape(text);
        readings.add(once);
        readings.add(unescape(once));
        return readings;
    }

    /** Every {@code \}-escape of a JSON string replaced by the character it stands for; anything else kept. */
    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 < text.length() && text.substring(i + 1, i + 5).matches("[0-9A-Fa-f]{4}")) {
                        out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                        i += 4;
                    } else {
                        out.append("\\u");
                    }
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
