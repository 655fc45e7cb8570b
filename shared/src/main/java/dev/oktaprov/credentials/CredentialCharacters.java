package dev.oktaprov.credentials;

import java.util.OptionalInt;

/**
 * The one rule for the characters of every credential this project sends or signs: an API token,
 * an OAuth access token, a service app's client id and key id. Only visible ASCII ({@code !} to
 * {@code ~}, no space): what Okta issues, and what an HTTP header value carries unchanged. Anything
 * else (a zero-width space, a byte order mark, a typographic quote, a non-breaking space, a line
 * break) is a copy-paste leftover that Okta would refuse, or that the JDK's HTTP client would refuse
 * with an exception quoting the whole header.
 *
 * <p>A refusal names the 1-based position of the first unfit character, never the character or any
 * other part of the value: the position says where to look and nothing about the secret.
 */
public final class CredentialCharacters {

    /** For a message about a value a person pasted: what to look for. */
    public static final String HINT =
            "; tokens are visible ASCII without spaces: look for an invisible or typographic character pasted with it";

    private CredentialCharacters() {}

    /** The 1-based position of the first character outside visible ASCII; empty when every one fits. */
    public static OptionalInt firstUnfitPosition(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return OptionalInt.of(i + 1);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Null when {@code value} fits; otherwise the phrase that ends a message about it, e.g. "… has an
     * apiToken with " + "a character a token cannot hold (position 17)".
     */
    public static String unfitCharacter(String value) {
        OptionalInt position = firstUnfitPosition(value);
        return position.isEmpty() ? null : "a character a token cannot hold (position " + position.getAsInt() + ")";
    }
}
