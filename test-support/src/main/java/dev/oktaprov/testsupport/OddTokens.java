package dev.oktaprov.testsupport;

import java.util.ArrayList;
import java.util.List;

/**
 * A real token as copy-paste leaves it: one character no token can hold, somewhere in it. Each is what
 * used to reach a log line, a Lambda error and the Step Functions history whole, inside the JDK's
 * "invalid header value" message.
 */
public final class OddTokens {

    /** Runs of the token this long or longer, around its odd character, must appear nowhere. */
    private static final int FRAGMENT = 8;

    /** @param name what was pasted with the token, for a test's report */
    public record OddToken(String name, String value) {

        /** Whether stripping surrounding whitespace (as the configuration does) leaves the real token. */
        public boolean strippedIsTheToken() {
            return value.strip().chars().allMatch(c -> c > 0x20 && c < 0x7F);
        }

        /** The visible runs of the value: a leak of any of them is a leak of the token. */
        public List<String> fragments() {
            List<String> runs = new ArrayList<>();
            for (String run : value.split("[^\\x21-\\x7E]+")) {
                if (run.length() >= FRAGMENT) {
                    runs.add(run);
                }
            }
            return runs;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private OddTokens() {}

    /** {@code token} with, in turn, each copy-paste leftover the credential-character rule exists for. */
    public static List<OddToken> around(String token) {
        int third = token.length() / 3;
        return List.of(
                new OddToken("a zero-width space", token.substring(0, third) + "\u200B" + token.substring(third)),
                new OddToken("a byte order mark", "\uFEFF" + token),
                new OddToken("a curly quote", token.substring(0, 2 * third) + "\u2019" + token.substring(2 * third)),
                new OddToken("a Cyrillic o (not Latin-1)", token.substring(0, third) + "\u043E" + token.substring(third + 1)),
                new OddToken("a no-break space (Latin-1)", token.substring(0, third) + "\u00A0" + token.substring(third)),
                new OddToken("a trailing newline", token + "\n"));
    }
}
