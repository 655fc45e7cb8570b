package dev.oktaprov.simulator.http;

/**
 * One response header, written on the wire with exactly this name. Okta's names are lower-case
 * (as every HTTP/2 answer carries them), and clients such as okta-sdk-java look some of them up
 * by that exact name.
 */
public record ResponseHeader(String name, String value) {

    public static final String CONTENT_TYPE = "content-type";
    public static final String DATE = "date";
    public static final String LINK = "link";
    public static final String REQUEST_ID = "x-okta-request-id";
    public static final String RATE_LIMIT_LIMIT = "x-rate-limit-limit";
    public static final String RATE_LIMIT_REMAINING = "x-rate-limit-remaining";
    public static final String RATE_LIMIT_RESET = "x-rate-limit-reset";

    public ResponseHeader {
        if (!name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("response header names are lower-case, like Okta's: " + name);
        }
    }
}
