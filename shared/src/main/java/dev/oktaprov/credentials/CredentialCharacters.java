package dev.oktaprov.credentials;

/**
 * The one rule for the characters of every credential this project sends or signs (API token, OAuth
 * access token, client id, key id): visible ASCII only, {@code !} to {@code ~}. That is what Okta
 * issues and what a header carries unchanged; anything else is a copy-paste leftover (a zero-width or
 * non-breaking space, a BOM, a typographic quote, a line break) that Okta, or the JDK's HTTP client
 * with an exception quoting the whole header, would refuse. A refusal names the 1-based position of
 * the first unfit character, never the character or any other part of the value.
 */
public final class CredentialCharacters {

    /** For a message about a value a person pasted: what to look for. */
    public static final String HINT =
            "; tokens are visible ASCII without spaces: look for an invisible or typographic character pasted with it";

    private CredentialCharacters() {}

    /**
     * Null when {@code value} fits; otherwise the phrase that ends a message about it, e.g. "… has an
     * apiToken with " + "a character a token cannot hold (position 17)".
     */
    public static String unfitCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return "a character a token cannot hold (position " + (i + 1) + ")";
            }
        }
        return null;
    }
}
