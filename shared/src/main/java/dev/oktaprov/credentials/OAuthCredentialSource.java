package dev.oktaprov.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.errors.OktaAccessDeniedException;
import dev.oktaprov.errors.OktaProvisioningException;
import dev.oktaprov.errors.RateLimitedException;
import dev.oktaprov.errors.TransientUpstreamException;
import dev.oktaprov.errors.UnexpectedOktaException;
import dev.oktaprov.okta.CredentialSource;
import dev.oktaprov.okta.HeaderSafeRequests;
import dev.oktaprov.okta.OktaClientSettings;
import dev.oktaprov.okta.OktaJson;
import dev.oktaprov.ratelimit.RateLimitHeaders;
import dev.oktaprov.time.Deadline;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Authorization: Bearer <access token>}, or {@code DPoP <access token>} with a proof, for an
 * Okta OAuth 2.0 service app: the {@code client_credentials} grant at the org authorization server
 * ({@code <org>/oauth2/v1/token}), authenticated by a {@link ClientAssertion} signed with the app's key.
 *
 * <p>The access token is kept until shortly before it expires (by the injected clock) and dropped by
 * {@link #invalidate(String)} when the API refuses it (only if it is still the current one). Fetches
 * are serialised and bounded by the caller's deadline: parallel workers cause one token request, not
 * N. The assertion and the token are credentials: neither is logged nor put in an exception message;
 * an access token outside {@link CredentialCharacters} is refused by position, never quoted.
 *
 * <p>A DPoP-bound app (RFC 9449) is found out as Okta's SDK does: {@code invalid_dpop_proof} makes a
 * {@link DpopKey}, {@code use_dpop_nonce} gives a nonce, both kept for the execution environment's life
 * (until {@link #invalidate()}) so later fetches start with them; each API request gets its own proof.
 */
public final class OAuthCredentialSource implements CredentialSource {

    public static final String TOKEN_PATH = "/oauth2/v1/token";
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** Refresh this long before expiry (at most a tenth of the token's life), so no request carries a dying token. */
    static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);
    /** Used when the answer lacks expires_in: short, so a wrong guess costs little. */
    static final Duration UNSTATED_LIFETIME = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(OAuthCredentialSource.class);
    /** Long base64url runs (tokens, assertions) are cut out of anything Okta's errors might echo. */
    private static final Pattern CREDENTIAL_LIKE = Pattern.compile("[A-Za-z0-9_\\-.=+/]{32,}");

    private final URI tokenEndpoint;
    private final ServiceAppCredentials app;
    private final List<String> scopes;
    private final HttpClient http;
    private final Clock clock;
    private final Duration requestTimeout;
    /** The access token, or null before the first fetch and after a refusal. */
    private Token token;
    private Instant refreshAt;
    /** Null until Okta asks this app for DPoP; then kept, with the last nonce Okta gave. */
    private DpopKey dpopKey;
    private String dpopNonce;

    /** {@code header} is the Authorization value; {@code boundTo} the key of a DPoP-bound token, else null. */
    private record Token(String header, String value, DpopKey boundTo) {
        @Override
        public String toString() {
            return "Token[***]";
        }
    }

    /**
     * @param orgUrl the org's origin; the token endpoint and the assertion's audience derive from it
     * @param scopes the scopes to ask for (see {@link OAuthScopes})
     * @param requestTimeout the longest wait for the token endpoint's answer
     */
    public OAuthCredentialSource(URI orgUrl, ServiceAppCredentials app, List<String> scopes, HttpClient http,
            Clock clock, Duration requestTimeout) {
        Objects.requireNonNull(orgUrl, "orgUrl");
        this.tokenEndpoint = URI.create(orgUrl.getScheme() + "://" + orgUrl.getRawAuthority() + TOKEN_PATH);
        this.app = Objects.requireNonNull(app, "app");
        this.scopes = OAuthScopes.validated(scopes);
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    @Override
    public String authorizationHeader(Deadline deadline) {
        return current(deadline).header();
    }

    /** A DPoP-bound token goes with a fresh proof for this request, signed outside the lock. */
    @Override
    public Map<String, String> headers(String method, URI uri, Deadline deadline) {
        Token current = current(deadline);
        return current.boundTo() == null ? Map.of("Authorization", current.header()) : Map.of("Authorization",
                current.header(), "DPoP", current.boundTo().proof(method, uri, clock.instant(), null, current.value()));
    }

    @Override
    public synchronized void invalidate(String rejectedHeader) {
        if (token != null && token.header().equals(rejectedHeader)) {
            token = null;
        }
    }

    @Override
    public synchronized void invalidate() {
        token = null;
        dpopKey = null;
        dpopNonce = null;
    }

    private synchronized Token current(Deadline deadline) {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            fetch(deadline);
        }
        return token;
    }

    private void fetch(Deadline deadline) {
        boolean nonceTaken = false;
        // At most three requests: a key is made once (while there is none) and a nonce taken once per fetch.
        while (true) {
            HttpResponse<byte[]> response = send(deadline);
            String requestId = response.headers().firstValue("X-Okta-Request-Id").orElse(null);
            if (response.statusCode() == 200) {
                keepAccessToken(response.body(), requestId, clock.instant());
                return;
            }
            String error = oauthError(jsonObject(response.body()));
            String nonce = response.headers().firstValue("DPoP-Nonce").orElse(null);
            boolean mayRetry = response.statusCode() == 400;
            if (mayRetry && error.equals("invalid_dpop_proof") && dpopKey == null) {
                dpopKey = DpopKey.generate();
            } else if (mayRetry && error.equals("use_dpop_nonce") && dpopKey != null && nonce != null && !nonceTaken) {
                dpopNonce = nonce;
                nonceTaken = true;
            } else {
                throw failure(response, requestId);
            }
            LOG.info("Okta's token endpoint asked client {} for DPoP ({}, request id {})", app.clientId(), error, requestId);
        }
    }

    private HttpResponse<byte[]> send(Deadline deadline) {
        Duration left = deadline.remaining(clock);
        if (left.isZero()) {
            throw new TransientUpstreamException("No time left before the deadline to get an Okta access token", null);
        }
        Instant now = clock.instant();
        String assertion = ClientAssertion.create(app, tokenEndpoint.toString(), now, UUID.randomUUID());
        String form = "grant_type=client_credentials"
                + "&scope=" + formEncode(String.join(" ", scopes))
                + "&client_assertion_type=" + formEncode(ASSERTION_TYPE)
                + "&client_assertion=" + formEncode(assertion);
        String proof = dpopKey == null ? null : dpopKey.proof("POST", tokenEndpoint, now, dpopNonce, null);
        HttpRequest request = HeaderSafeRequests.build(() -> {
            HttpRequest.Builder builder = HttpRequest.newBuilder(tokenEndpoint)
                    .timeout(min(requestTimeout, left))
                    .header("Accept", "application/json")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("User-Agent", OktaClientSettings.DEFAULT_USER_AGENT);
            if (proof != null) {
                builder.header("DPoP", proof);
            }
            return builder.POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.US_ASCII)).build();
        });
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            LOG.warn("Okta's token endpoint could not be reached ({})", e.getClass().getSimpleName());
            throw new TransientUpstreamException("Could not reach Okta's token endpoint to get an access token", null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientUpstreamException("Interrupted while getting an Okta access token", null, e);
        }
    }

    private void keepAccessToken(byte[] body, String requestId, Instant receivedAt) {
        JsonNode json = jsonObject(body);
        if (json == null) {
            throw new UnexpectedOktaException("Okta's token endpoint answered with JSON we could not read", requestId);
        }
        String type = json.path("token_type").asText("");
        boolean bound = type.equalsIgnoreCase("DPoP") && dpopKey != null;
        if (!bound && !type.equalsIgnoreCase("Bearer")) {
            throw new UnexpectedOktaException("Okta's token endpoint issued a token of an unknown type", requestId);
        }
        String value = json.path("access_token").asText("");
        if (value.isEmpty()) {
            throw new UnexpectedOktaException("Okta's token endpoint issued no usable access token", requestId);
        }
        String unfit = CredentialCharacters.unfitCharacter(value);
        if (unfit != null) {
            throw new UnexpectedOktaException("Okta's token endpoint issued an access token with " + unfit, requestId);
        }
        JsonNode expiresIn = json.get("expires_in");
        Duration lifetime = expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0
                ? Duration.ofSeconds(expiresIn.asLong())
                : UNSTATED_LIFETIME;
        Duration margin = min(REFRESH_MARGIN, lifetime.dividedBy(10));
        LOG.info("Got an Okta access token for client {} (scopes {}, valid {} s, request id {})",
                app.clientId(), json.path("scope").asText(String.join(" ", scopes)), lifetime.toSeconds(), requestId);
        token = new Token((bound ? "DPoP " : "Bearer ") + value, value, bound ? dpopKey : null);
        refreshAt = receivedAt.plus(lifetime).minus(margin);
    }

    /**
     * Okta's OAuth errors ({@code {"error","error_description"}}) as our exceptions: a rejected app or
     * key is {@link OktaAccessDeniedException} 401, a scope not granted to the app 403, anything else
     * about the request a {@link ConfigurationException}.
     */
    private OktaProvisioningException failure(HttpResponse<byte[]> response, String requestId) {
        int status = response.statusCode();
        if (status == 429) {
            RateLimitHeaders limits = RateLimitHeaders.from(response.headers()::firstValue);
            long seconds = limits.untilReset(clock.instant()).map(Duration::toSeconds).orElse(60L);
            LOG.warn("Okta's token endpoint is rate limited (request id {})", requestId);
            return new RateLimitedException(seconds, requestId);
        }
        if (status >= 500) {
            LOG.warn("Okta's token endpoint answered HTTP {} (request id {})", status, requestId);
            return new TransientUpstreamException("Okta's token endpoint answered HTTP " + status, requestId);
        }
        // Without a readable body the status alone decides below.
        JsonNode json = jsonObject(response.body());
        String error = oauthError(json);
        String description = json == null ? "" : safe(json.path("error_description").asText(""), 200);
        LOG.warn("Okta's token endpoint refused client {}: HTTP {} {} {} (request id {})",
                app.clientId(), status, error, description, requestId);
        if (error.equals("use_dpop_nonce") && response.headers().firstValue("DPoP-Nonce").isEmpty()) {
            return new ConfigurationException("Okta's token endpoint asked for a DPoP nonce (use_dpop_nonce) but sent none");
        }
        if (error.equals("use_dpop_nonce") || error.equals("invalid_dpop_proof")) {
            return new ConfigurationException("Okta's token endpoint refused the service app's DPoP proof ("
                    + error + (description.isEmpty() ? "" : ": " + description) + ")");
        }
        if (error.equals("invalid_scope")) {
            return new OktaAccessDeniedException(403, "invalid_scope", requestId);
        }
        if (status == 401 || error.equals("invalid_client")) {
            return new OktaAccessDeniedException(401, error.isEmpty() ? "invalid_client" : error, requestId);
        }
        if (status == 400 || status == 403) {
            return new ConfigurationException("Okta's token endpoint refused the service app's request ("
                    + (error.isEmpty() ? "HTTP " + status : error) + (description.isEmpty() ? "" : ": " + description)
                    + "); check the app's grant types, client id and key id");
        }
        return new UnexpectedOktaException("Okta's token endpoint answered HTTP " + status, requestId);
    }

    /** The body as a JSON object, or null when it is none. */
    private static JsonNode jsonObject(byte[] body) {
        try {
            JsonNode json = OktaJson.MAPPER.readTree(body);
            return json.isObject() ? json : null;
        } catch (IOException unreadable) {
            return null;
        }
    }

    private static String oauthError(JsonNode json) {
        return json == null ? "" : safe(json.path("error").asText(""), 64);
    }

    /** Printable, short, and with anything token-shaped cut out: Okta's text may echo what it got. */
    private static String safe(String text, int max) {
        String printable = text.replaceAll("\\p{Cntrl}", " ");
        String redacted = CREDENTIAL_LIKE.matcher(printable).replaceAll("[redacted]");
        return redacted.length() <= max ? redacted : redacted.substring(0, max) + "...";
    }

    private static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "OAuthCredentialSource[" + tokenEndpoint + ", clientId=" + app.clientId() + ", scopes=" + scopes + "]";
    }
}
