package dev.oktaprov.provisioning;

import java.text.Normalizer;
import java.util.Locale;

/** Okta's "same login": uniqueness ignores case and diacritics ({@code Zoë.Doe@x} is {@code zoe.doe@x}) and surrounding space. */
public final class LoginKey {

    private LoginKey() {}

    /** The key under which Okta holds a login unique: stripped, decomposed, marks removed, lower case. */
    public static String of(String login) {
        return Normalizer.normalize(login.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }

    /** True when Okta would refuse the second login as taken by the first; false when either is null. */
    public static boolean same(String a, String b) {
        return a != null && b != null && of(a).equals(of(b));
    }
}
