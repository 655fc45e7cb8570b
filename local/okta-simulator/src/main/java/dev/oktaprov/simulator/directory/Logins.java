package dev.oktaprov.simulator.directory;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** How Okta compares logins: case and diacritics do not matter ({@code Isáac@x} = {@code isaac@x}). */
public final class Logins {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    private Logins() {
    }

    /** The key under which a login is unique: NFD, combining marks removed, lower case. */
    public static String uniquenessKey(String login) {
        String decomposed = Normalizer.normalize(login, Normalizer.Form.NFD);
        return COMBINING_MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** The part before the last {@code @}, or the whole login when it has none. */
    public static String shortName(String login) {
        int at = login.lastIndexOf('@');
        return at < 0 ? login : login.substring(0, at);
    }
}
