package dev.oktaprov.provisioning;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Okta's notion of "the same login": uniqueness ignores case and diacritics ({@code Zoë.Doe@x} is
 * {@code zoe.doe@x}), and a value is compared as it is stored, without surrounding white space.
 */
public final class LoginKey {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    private LoginKey() {}

    /** The key under which Okta holds a login unique: stripped, decomposed, marks removed, lower case. */
    public static String of(String login) {
        String decomposed = Normalizer.normalize(login.strip(), Normalizer.Form.NFD);
        return COMBINING_MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** True when Okta would refuse the second login as taken by the first; false when either is null. */
    public static boolean same(String a, String b) {
        return a != null && b != null && of(a).equals(of(b));
    }
}
