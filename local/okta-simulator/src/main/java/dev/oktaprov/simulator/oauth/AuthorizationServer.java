package dev.oktaprov.simulator.oauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktaprov.simulator.auth.AuthDecision;
import dev.oktaprov.simulator.auth.AuthRequest;
import dev.oktaprov.simulator.http.ResponseHeader;
import dev.oktaprov.simulator.http.ApiRequest;
import dev.oktaprov.simulator.http.ApiResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The org authorization server's {@code POST /oauth2/v1/token} for service apps: the
 * {@code client_credentials} grant with a {@code private_key_jwt} client assertion. It issues opaque
 * Bearer access tokens (one hour, the granted scopes) that {@link #authenticate} then accepts on
 * /api requests, scope by scope (403 E0000006 when one is missing, 401 E0000011 once expired).
 * A client registered with {@code dpop_bound_access_tokens} goes through the DPoP handshake
 * instead and gets {@code token_type: DPoP} tokens that /api accepts only with a proof of their key.
 *
 * <p>Clients are registered in process ({@link #register}, {@link #requireDpop}) or with the
 * {@code --oauth-client} option. Thread-safe.
 */
public final class AuthorizationServer {

    public static final String TOKEN_PATH = "/oauth2/v1/token";
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    /** How a request made with one of this server's tokens is authenticated: {@code oauth:<clientId>}. */
    public static final String PRINCIPAL_PREFIX = "oauth:";
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final Clock clock;
    private final ObjectMapper mapper;
    private final ClientAssertionVerifier verifier;
    private final DpopBinding dpop;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, RegisteredClient> clients = new ConcurrentHashMap<>();
    private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();
    private final List<String> issuedValues = new CopyOnWriteArrayList<>();
    private final List<String> assertionsSeen = new CopyOnWriteArrayList<>();
    private final LongAdder tokenRequests = new LongAdder();
    private final LongAdder tokensIssued = new LongAdder();

    public AuthorizationServer(Clock clock, ObjectMapper mapper) {
        this.clock = clock;
        this.mapper = mapper;
        this.verifier = new ClientAssertionVerifier(clock);
        this.dpop = new DpopBinding(clock);
    }

    // ---- registration

    public RegisteredClient register(RegisteredClient client) {
        clients.put(client.clientId(), client);
        return client;
    }

    public RegisteredClient register(String clientId, PublicKey publicKey, String keyId, Collection<String> scopes) {
        return register(new RegisteredClient(clientId, publicKey, keyId, Set.copyOf(scopes)));
    }

    /** @param publicKey PEM ({@code -----BEGIN PUBLIC KEY-----}) or a JWK as JSON text */
    public RegisteredClient register(String clientId, String publicKey, String keyId, Collection<String> scopes) {
        return register(clientId, PublicKeys.parse(publicKey), keyId, scopes);
    }

    /**
     * Ticks Okta's "Require DPoP header in token requests" ({@code dpop_bound_access_tokens}) for a
     * registered client: its next tokens need the DPoP handshake and are bound to the proof's key.
     *
     * @throws IllegalArgumentException when no client has that id
     */
    public RegisteredClient requireDpop(String clientId) {
        RegisteredClient client = client(clientId)
                .orElseThrow(() -> new IllegalArgumentException("no OAuth client " + clientId + " is registered"));
        return register(client.withDpopBoundAccessTokens(true));
    }

    public Optional<RegisteredClient> client(String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    // ---- observation and control

    /** Requests to the token endpoint since start or the last reset, whatever their answer. */
    public long tokenRequests() {
        return tokenRequests.sum();
    }

    public long tokensIssued() {
        return tokensIssued.sum();
    }

    /** Tokens issued and not yet expired, by the simulator's clock. */
    public List<IssuedToken> activeTokens() {
        Instant now = clock.instant();
        return tokens.values().stream().filter(token -> token.expiresAt().isAfter(now)).toList();
    }

    /**
     * Every access token issued since start or the last reset, expired or revoked ones included: for
     * tests that check no token ends up in a log line or a response.
     */
    public List<String> issuedTokenValues() {
        return List.copyOf(issuedValues);
    }

    /** Every client assertion presented since start or the last reset, accepted or not (leak tests). */
    public List<String> receivedAssertions() {
        return List.copyOf(assertionsSeen);
    }

    /** Forgets every issued token: clients then see 401 E0000011 until they fetch a new one. */
    public void revokeAll() {
        tokens.clear();
    }

    /** Tokens, used jtis, the leak-test records and counters back to none; registered clients stay. */
    public void reset() {
        tokens.clear();
        issuedValues.clear();
        assertionsSeen.clear();
        verifier.reset();
        dpop.reset();
        tokenRequests.reset();
        tokensIssued.reset();
    }

    // ---- the token endpoint

    /** {@code POST /oauth2/v1/token}: 200 with a token, or an OAuth error. */
    public ApiResponse token(ApiRequest request) {
        tokenRequests.increment();
        try {
            return issue(request);
        } catch (OAuthError e) {
            ObjectNode body = mapper.createObjectNode()
                    .put("error", e.error())
                    .put("error_description", e.description());
            List<ResponseHeader> headers = e.dpopNonce() == null
                    ? List.of() : List.of(new ResponseHeader("dpop-nonce", e.dpopNonce()));
            return new ApiResponse(e.status(), body, List.of(), headers);
        }
    }

    private ApiResponse issue(ApiRequest request) {
        if (!request.method().equals("POST")) {
            throw new OAuthError(405, "invalid_request", "The token endpoint accepts POST only.");
        }
        String contentType = Optional.ofNullable(request.headers().first("Content-Type")).orElse("");
        if (!contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw OAuthError.invalidRequest("The request must be application/x-www-form-urlencoded.");
        }
        Map<String, String> form = form(new String(request.body(), StandardCharsets.UTF_8));
        if (!"client_credentials".equals(form.get("grant_type"))) {
            throw new OAuthError(400, "unsupported_grant_type", "The authorization grant type is not supported.");
        }
        if (!ASSERTION_TYPE.equals(form.get("client_assertion_type"))) {
            throw OAuthError.invalidClient("client_assertion_type must be " + ASSERTION_TYPE + ".");
        }
        String assertion = form.get("client_assertion");
        if (assertion == null || assertion.isEmpty()) {
            throw OAuthError.invalidClient("Client authentication failed: no client_assertion.");
        }
        assertionsSeen.add(assertion);
        String tokenUrl = request.baseUrl() + TOKEN_PATH;
        RegisteredClient client = verifier.verify(assertion, tokenUrl, clients::get);
        String clientIdParameter = form.get("client_id");
        if (clientIdParameter != null && !clientIdParameter.equals(client.clientId())) {
            throw OAuthError.invalidClient("The client_id does not match the client_assertion's subject.");
        }
        // Only a client that requires DPoP is asked for it; others get Bearer tokens whatever they send.
        String jkt = client.dpopBoundAccessTokens() ? dpop.bindingFor(request.headers().all("DPoP"), tokenUrl) : null;
        Set<String> scopes = scopes(form.get("scope"));
        if (!client.scopes().containsAll(scopes)) {
            Set<String> missing = new LinkedHashSet<>(scopes);
            missing.removeAll(client.scopes());
            throw new OAuthError(400, "invalid_scope", "The following scopes are not allowed: " + String.join(" ", missing));
        }
        String value = newTokenValue();
        Instant expiresAt = clock.instant().plus(TOKEN_LIFETIME);
        tokens.put(value, new IssuedToken(client.clientId(), scopes, expiresAt, jkt));
        issuedValues.add(value);
        forgetExpiredTokens();
        tokensIssued.increment();
        ObjectNode body = mapper.createObjectNode()
                .put("token_type", jkt == null ? "Bearer" : DpopBinding.SCHEME)
                .put("expires_in", TOKEN_LIFETIME.toSeconds())
                .put("access_token", value)
                .put("scope", String.join(" ", scopes));
        return ApiResponse.ok(body);
    }

    private static Set<String> scopes(String requested) {
        if (requested == null || requested.isBlank()) {
            throw new OAuthError(400, "invalid_scope", "The scope parameter is required for the client_credentials grant.");
        }
        Set<String> scopes = new LinkedHashSet<>(List.of(requested.strip().split(" +")));
        return scopes;
    }

    // ---- access tokens on /api

    /**
     * The decision for {@code Authorization: Bearer <token>} or {@code DPoP <token>} (with its proof),
     * or empty when the token is not one this server issued (the next authenticator decides).
     */
    public Optional<AuthDecision> authenticate(AuthRequest request) {
        Optional<String> scheme = DpopBinding.scheme(request.authorization());
        if (scheme.isEmpty()) {
            return Optional.empty();
        }
        String token = request.authorization().substring(scheme.get().length()).trim();
        IssuedToken issued = tokens.get(token);
        if (issued == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(issued.expiresAt())) {
            return Optional.of(AuthDecision.invalidToken());
        }
        Optional<AuthDecision> refused = dpop.refusal(issued, token, scheme.get(), request);
        if (refused.isPresent()) {
            return refused;
        }
        Optional<String> needed = ScopePolicy.requiredScope(request.method(), request.path());
        if (needed.isPresent() && !issued.scopes().contains(needed.get())) {
            return Optional.of(new AuthDecision.Denied(403, "E0000006",
                    "You do not have permission to perform the requested action"));
        }
        return Optional.of(AuthDecision.allowed(PRINCIPAL_PREFIX + issued.clientId()));
    }

    private String newTokenValue() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        // Shaped like nothing in particular, as Okta's opaque-to-clients tokens should be treated.
        return "sim." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void forgetExpiredTokens() {
        Instant now = clock.instant();
        tokens.values().removeIf(token -> !token.expiresAt().isAfter(now));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                form.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw OAuthError.invalidRequest("The request body is not valid form encoding.");
            }
        }
        return form;
    }

    @Override
    public String toString() {
        return "AuthorizationServer[clients=" + clients.keySet() + ", activeTokens=" + activeTokens().size() + "]";
    }
}
