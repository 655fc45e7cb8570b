package dev.oktaprov.okta;

import java.time.Instant;

/**
 * Okta's timestamps as an answer shows them: {@link Instant#toString()} of {@link OktaJson#instant},
 * or null. Okta writes {@code 2026-01-05T09:59:58.000Z}; for that shape the text is checked and
 * trimmed here without building an {@link Instant} (a page of users has six per user, and parsing
 * each allocated more than the rest of the user); anything else goes through {@code Instant}.
 */
final class IsoTimestamps {

    private IsoTimestamps() {}

    static String normalized(String text) {
        if (text != null && isPlainUtc(text)) {
            // Instant.toString() leaves out a zero fraction and prints milliseconds as three digits.
            return text.length() == 24 && text.endsWith(".000Z") ? text.substring(0, 19) + "Z" : text;
        }
        Instant instant = OktaJson.instant(text);
        return instant == null ? null : instant.toString();
    }

    /** {@code yyyy-MM-ddTHH:mm:ssZ} or {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, every field in range, a year of four digits. */
    static boolean isPlainUtc(String t) {
        int length = t.length();
        if (length != 20 && length != 24 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':' || t.charAt(length - 1) != 'Z'
                || length == 24 && (t.charAt(19) != '.' || digits(t, 20, 23) < 0)) {
            return false;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month)
                && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
    }

    private static int digits(String t, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
