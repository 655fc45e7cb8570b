package dev.oktaprov.runtime;

import dev.oktaprov.config.EnvironmentReader;
import dev.oktaprov.credentials.CredentialCharacters;
import dev.oktaprov.credentials.Secret;
import dev.oktaprov.okta.OktaClientSettings;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The function's configuration, read from environment variables (see the README's configuration
 * table). Every problem is reported at once, naming the variable and never quoting a secret; a
 * {@link Secret} prints masked. Either {@code secretId} or {@code apiToken} (local runs) is present.
 */
public record ProvisioningConfig(
        URI orgUrl,
        Optional<String> secretId,
        Optional<Secret> apiToken,
        int rateLimitSharePercent,
        int maxAttempts,
        Duration requestTimeout,
        Duration secretCacheTtl,
        Duration deadlineSafetyMargin) {

    public static final String OKTA_ORG_URL = "OKTA_ORG_URL";
    public static final String OKTA_SECRET_ID = "OKTA_SECRET_ID";
    public static final String OKTA_API_TOKEN = "OKTA_API_TOKEN";
    public static final String OKTA_RATE_LIMIT_SHARE = "OKTA_RATE_LIMIT_SHARE";
    public static final String OKTA_MAX_ATTEMPTS = "OKTA_MAX_ATTEMPTS";
    public static final String OKTA_REQUEST_TIMEOUT_MS = "OKTA_REQUEST_TIMEOUT_MS";
    public static final String SECRET_CACHE_TTL_SECONDS = "SECRET_CACHE_TTL_SECONDS";
    public static final String DEADLINE_SAFETY_MARGIN_MS = "DEADLINE_SAFETY_MARGIN_MS";

    /** The Admin Console's host: the org's, with "-admin" before Okta's domain (acme-admin.okta.com). */
    private static final Pattern ADMIN_CONSOLE_HOST =
            Pattern.compile("(.+)-admin(\\.(?:okta|oktapreview|okta-emea|okta-gov|trexcloud)\\.com|\\.okta\\.mil)");

    public static ProvisioningConfig fromEnvironment(Map<String, String> env) {
        EnvironmentReader read = new EnvironmentReader(env);
        URI orgUrl = orgUrl(read.text(OKTA_ORG_URL), read);
        Optional<String> secretId = Optional.ofNullable(read.text(OKTA_SECRET_ID));
        Optional<Secret> token = Optional.ofNullable(read.text(OKTA_API_TOKEN)).map(Secret::of);
        if (secretId.isEmpty() && token.isEmpty()) {
            read.problem(OKTA_SECRET_ID + " is required (the Secrets Manager secret holding {\"apiToken\": \"...\"}); "
                    + OKTA_API_TOKEN + " may replace it for local runs");
        } else if (secretId.isPresent() && token.isPresent()) {
            read.problem("set either " + OKTA_SECRET_ID + " or " + OKTA_API_TOKEN + ", not both");
        }
        token.ifPresent(t -> {
            String unfit = CredentialCharacters.unfitCharacter(t.reveal());
            if (unfit != null) {
                read.problem(OKTA_API_TOKEN + " has " + unfit + CredentialCharacters.HINT);
            }
        });
        int share = read.percent(OKTA_RATE_LIMIT_SHARE, 100, 1, 100);
        int attempts = read.integer(OKTA_MAX_ATTEMPTS, 5, 1, 10);
        int timeoutMs = read.integer(OKTA_REQUEST_TIMEOUT_MS, 10_000, 100, 900_000);
        int ttlSeconds = read.integer(SECRET_CACHE_TTL_SECONDS, 300, 1, 86_400);
        int marginMs = read.integer(DEADLINE_SAFETY_MARGIN_MS, 1500, 0, 900_000);
        read.check();
        return new ProvisioningConfig(orgUrl, secretId, token, share, attempts, Duration.ofMillis(timeoutMs),
                Duration.ofSeconds(ttlSeconds), Duration.ofMillis(marginMs));
    }

    public OktaClientSettings clientSettings() {
        return new OktaClientSettings(orgUrl, rateLimitSharePercent, maxAttempts, requestTimeout, null);
    }

    /** https only, except plain http to this machine (tests, local runs); an origin, nothing more. */
    private static URI orgUrl(String raw, EnvironmentReader read) {
        if (raw == null) {
            read.problem(OKTA_ORG_URL + " is required, e.g. https://acme.okta.com");
            return null;
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            read.problem(OKTA_ORG_URL + " is not a valid URL");
            return null;
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getHost().isEmpty()) {
            read.problem(OKTA_ORG_URL + " must be an absolute URL with a host, e.g. https://acme.okta.com");
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        List<String> problems = new ArrayList<>();
        if (uri.getRawUserInfo() != null) {
            problems.add(OKTA_ORG_URL + " must not contain user information (credentials belong in the secret)");
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(uri.getHost()))) {
            problems.add(OKTA_ORG_URL + " must use https:// (http:// is accepted only for 127.0.0.1, ::1 and localhost)");
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            problems.add(OKTA_ORG_URL + " must be the org's origin without a path, e.g. https://acme.okta.com");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.add(OKTA_ORG_URL + " must not have a query or fragment");
        }
        Matcher admin = ADMIN_CONSOLE_HOST.matcher(uri.getHost().toLowerCase(Locale.ROOT));
        if (admin.matches()) {
            // Copied from the browser's address bar; the token endpoint's audience is the org's host, not this.
            problems.add(OKTA_ORG_URL + " is the Admin Console's host; the API is at https://" + admin.group(1) + admin.group(2));
        }
        problems.forEach(read::problem);
        return problems.isEmpty() ? URI.create(scheme + "://" + uri.getRawAuthority()) : null;
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost")) {
            return true;
        }
        // Only literal addresses: never resolve a name here (no DNS at configuration time).
        boolean ipv4 = h.matches("[0-9.]+");
        boolean ipv6 = h.contains(":") && h.matches("[0-9a-f:.]+");
        if (!ipv4 && !ipv6) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
