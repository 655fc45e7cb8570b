package dev.oktaprov.okta;

import dev.oktaprov.ratelimit.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * How one client talks to one Okta org.
 *
 * @param orgUrl the org's origin, e.g. {@code https://acme.okta.com} (validated by the runtime's configuration)
 * @param rateLimitSharePercent the share of each rate-limit bucket this client may use, 1-100
 * @param maxAttempts attempts per call in all, including the first
 * @param requestTimeout the longest wait for one HTTP answer
 */
public record OktaClientSettings(URI orgUrl, int rateLimitSharePercent, int maxAttempts, Duration requestTimeout, String userAgent) {

    public static final String DEFAULT_USER_AGENT =
            "okta-provisioning/" + readVersion() + " java/" + Runtime.version().feature();
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public OktaClientSettings {
        Objects.requireNonNull(orgUrl, "orgUrl");
        if (orgUrl.getScheme() == null || orgUrl.getHost() == null) {
            throw new IllegalArgumentException("orgUrl must be an absolute URL with a host");
        }
        orgUrl = URI.create(orgUrl.getScheme().toLowerCase() + "://" + orgUrl.getRawAuthority());
        if (rateLimitSharePercent < 1 || rateLimitSharePercent > 100) {
            throw new IllegalArgumentException("rateLimitSharePercent must be 1-100");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive");
        }
        userAgent = userAgent == null || userAgent.isBlank() ? DEFAULT_USER_AGENT : userAgent;
    }

    /** Defaults: the whole bucket, 5 attempts, 10 s per request. */
    public static OktaClientSettings defaults(URI orgUrl) {
        return new OktaClientSettings(orgUrl, 100, RetryPolicy.DEFAULT_MAX_ATTEMPTS, DEFAULT_REQUEST_TIMEOUT, null);
    }

    public OktaClientSettings withRateLimitShare(int percent) {
        return new OktaClientSettings(orgUrl, percent, maxAttempts, requestTimeout, userAgent);
    }

    public OktaClientSettings withMaxAttempts(int attempts) {
        return new OktaClientSettings(orgUrl, rateLimitSharePercent, attempts, requestTimeout, userAgent);
    }

    public OktaClientSettings withRequestTimeout(Duration timeout) {
        return new OktaClientSettings(orgUrl, rateLimitSharePercent, maxAttempts, timeout, userAgent);
    }

    private static String readVersion() {
        try (InputStream in = OktaClientSettings.class.getResourceAsStream("okta-provisioning.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
