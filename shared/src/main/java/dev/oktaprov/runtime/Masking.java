package dev.oktaprov.runtime;

/**
 * Masks personal data for log lines: enough to correlate ({@code j***@e***.com}), not enough to read.
 */
public final class Masking {

    private Masking() {}

    /** {@code jane.doe@example.com} → {@code j***@e***.com}; anything else → first character + {@code ***}. */
    public static String maskEmail(String email) {
        if (email == null || email.isEmpty()) {
            return "";
        }
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            return firstCharacter(email) + "***";
        }
        String domain = email.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        String tld = dot > 0 && dot < domain.length() - 1 ? domain.substring(dot) : "";
        return firstCharacter(email) + "***@" + firstCharacter(domain) + "***" + tld;
    }

    /** Logins are usually email-like: masked like an email. */
    public static String maskLogin(String login) {
        return maskEmail(login);
    }

    private static String firstCharacter(String s) {
        return s.substring(0, Character.charCount(s.codePointAt(0)));
    }
}
