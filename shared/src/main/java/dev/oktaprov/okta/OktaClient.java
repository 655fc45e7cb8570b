package dev.oktaprov.okta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.errors.LoginTakenException;
import dev.oktaprov.errors.NotFoundException;
import dev.oktaprov.errors.OktaProvisioningException;
import dev.oktaprov.errors.RateLimitedException;
import dev.oktaprov.errors.TransientUpstreamException;
import dev.oktaprov.errors.UnexpectedOktaException;
import dev.oktaprov.okta.model.CreateUserRequest;
import dev.oktaprov.okta.model.Group;
import dev.oktaprov.okta.model.JsonPage;
import dev.oktaprov.okta.model.Page;
import dev.oktaprov.okta.model.User;
import dev.oktaprov.okta.model.UserQuery;
import dev.oktaprov.ratelimit.Deadline;
import dev.oktaprov.ratelimit.RateLimitBudget;
import dev.oktaprov.ratelimit.RateLimitHeaders;
import dev.oktaprov.ratelimit.RetryPolicy;
import dev.oktaprov.ratelimit.Sleeper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thin client for the part of Okta's Users API this project needs, on {@code java.net.http}.
 *
 * <p>Every call takes a {@link Deadline}. Before each request the client takes a unit of the
 * endpoint's rate-limit {@linkplain RateLimitBudget budget} (waiting for the reset when this client's
 * share is spent); it retries 429s after the reset by the server's clock, 5xx and I/O failures with
 * jittered backoff, and one 401 after refreshing the credentials, up to the configured number of
 * attempts. It never sleeps past the deadline: a wait that would end after it fails at once with
 * {@link RateLimitedException} (for rate limits) or the last {@link TransientUpstreamException}.
 * Other 4xx are never retried.
 *
 * <p>A create is retried only where that cannot create a second user: after an answer that leaves
 * its outcome unknown (5xx, timeout, dropped connection) the client first looks the login up; if the
 * user now exists it throws {@link LoginTakenException} and lets the caller decide whose it is.
 *
 * <p>Thread-safe; one instance per execution environment, shared by all threads.
 */
public final class OktaClient {

    /** Observes the client for metrics and progress displays. Called on the calling thread. */
    public interface Listener {
        Listener NONE = new Listener() {};

        /** The client is about to wait {@code wait} for {@code bucket}'s reset (429 or budget spent). */
        default void onThrottleWait(String bucket, Duration wait) {}

        /** Okta answered; {@code requestId} may be null. */
        default void onResponse(String method, String bucket, int status, Duration latency, String requestId) {}

        /** Attempt {@code nextAttempt} will follow because of {@code reason} (e.g. "HTTP 503", "I/O"). */
        default void onRetry(String method, String bucket, int nextAttempt, String reason) {}
    }

    public static final String BUCKET_CREATE_USER = "POST /api/v1/users";
    public static final String BUCKET_LIST_USERS = "GET /api/v1/users";
    public static final String BUCKET_GET_USER = "GET /api/v1/users/{id}";
    public static final String BUCKET_USER_GROUPS = "GET /api/v1/users/{id}/groups";
    public static final String BUCKET_GROUP_MEMBERS = "GET /api/v1/groups/{id}/users";
    /** Okta's alias for the credential's own user in {@code /api/v1/users/{id}}: never sent as an id. */
    public static final String RESERVED_ME = "me";

    private static final Logger LOG = LoggerFactory.getLogger(OktaClient.class);
    private static final String REQUEST_ID = "X-Okta-Request-Id";
    /** A guard against a server whose links never end. 1,000 pages of 200 groups is far past any real user. */
    private static final int MAX_PAGES = 1000;

    private final OktaClientSettings settings;
    private final CredentialSource credentials;
    private final HttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RetryPolicy retryPolicy;
    private final RateLimitBudget budget;
    private final Listener listener;

    public OktaClient(OktaClientSettings settings, CredentialSource credentials, HttpClient http, Clock clock,
            Sleeper sleeper, RandomGenerator random, Listener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.retryPolicy = RetryPolicy.withMaxAttempts(settings.maxAttempts(), Objects.requireNonNull(random, "random"));
        this.budget = new RateLimitBudget(settings.rateLimitSharePercent(), clock);
        this.listener = listener == null ? Listener.NONE : listener;
    }

    public OktaClient(OktaClientSettings settings, CredentialSource credentials, HttpClient http, Clock clock,
            Sleeper sleeper, RandomGenerator random) {
        this(settings, credentials, http, clock, sleeper, random, Listener.NONE);
    }

    /** An {@link HttpClient} suited to Okta: HTTP/1.1 keep-alive, no redirects, a connect timeout. */
    public static HttpClient defaultHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    /**
     * As {@link #defaultHttpClient}, built on a thread started now, so that its cost overlaps a
     * function's init instead of adding to it; a call waits for it.
     */
    public static HttpClient defaultHttpClientInBackground(Duration connectTimeout) {
        return BackgroundHttpClient.start(() -> defaultHttpClient(connectTimeout));
    }

    public OktaClientSettings settings() {
        return settings;
    }

    /** The shared rate-limit state, for progress displays and tests. */
    public RateLimitBudget budget() {
        return budget;
    }

    /**
     * {@code POST /api/v1/users}. Okta answers 200 with the new user.
     *
     * @param activate false creates a STAGED user; true a PROVISIONED or (with a password) ACTIVE one
     * @param nextLogin {@code changePassword} or null
     * @throws LoginTakenException when the login exists, including after a lost answer to this very create
     */
    public User createUser(CreateUserRequest request, boolean activate, boolean provider, String nextLogin, Deadline deadline) {
        Objects.requireNonNull(request, "request");
        StringBuilder query = new StringBuilder("activate=").append(activate);
        if (provider) {
            query.append("&provider=true");
        }
        if (nextLogin != null) {
            query.append("&nextLogin=").append(UriEncoding.encode(nextLogin));
        }
        URI uri = uri("/api/v1/users", query.toString());
        byte[] body = createBody(request);
        String login = request.profile().login();
        Runnable beforeResend = login == null ? null : () -> {
            try {
                getUser(login, deadline);
            } catch (NotFoundException notCreated) {
                return;
            }
            throw new LoginTakenException(null);
        };
        Answer answer = execute(new Call("POST", uri, BUCKET_CREATE_USER, body, "User"), deadline, beforeResend);
        return read(answer, OktaJson::user);
    }

    /**
     * {@code GET /api/v1/users/{idOrLogin}}, the login URL-encoded. A login that cannot travel in a
     * path ({@code /}, {@code ?}, {@code ;}, {@code \}, a dot segment, or Okta's reserved {@code me}) is looked up
     * with {@code filter=profile.login eq "…"}.
     *
     * @throws NotFoundException when no such user exists
     */
    public User getUser(String idOrLogin, Deadline deadline) {
        if (idOrLogin == null || idOrLogin.isBlank()) {
            throw InvalidInputException.of("idOrLogin", "is required");
        }
        if (needsFilterLookup(idOrLogin)) {
            Page<User> page = listUsers(UserQuery.filter(OktaExpressions.eq("profile.login", idOrLogin), 2), deadline);
            if (page.items().isEmpty()) {
                throw new NotFoundException("Okta user", null);
            }
            return page.items().get(0);
        }
        URI uri = uri("/api/v1/users/" + UriEncoding.encode(idOrLogin), null);
        Answer answer = execute(new Call("GET", uri, BUCKET_GET_USER, null, "Okta user"), deadline, null);
        return read(answer, OktaJson::user);
    }

    /** {@code GET /api/v1/users}: one page, and the cursor of the next one. */
    public Page<User> listUsers(UserQuery query, Deadline deadline) {
        return page(execute(listUsersCall(query), deadline, null), OktaJson::user);
    }

    /**
     * {@code GET /api/v1/users}: one page as Okta's JSON, unread (to be streamed into an answer with
     * {@link OktaUserStream}), and the cursor of the next one.
     */
    public JsonPage listUsersJson(UserQuery query, Deadline deadline) {
        Answer answer = execute(listUsersCall(query), deadline, null);
        return new JsonPage(answer.body(), nextCursor(answer), answer.requestId());
    }

    private Call listUsersCall(UserQuery query) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("q", query.q());
        params.put("filter", query.filter());
        params.put("search", query.search());
        params.put("limit", query.limit());
        params.put("after", query.after());
        params.put("sortBy", query.sortBy());
        params.put("sortOrder", query.sortOrder());
        return new Call("GET", uri("/api/v1/users", queryString(params)), BUCKET_LIST_USERS, null, "Okta users");
    }

    /** {@code GET /api/v1/users/{id}/groups}, every page. */
    public List<Group> listUserGroups(String userId, Deadline deadline) {
        requireId(userId, "userId");
        URI uri = uri("/api/v1/users/" + UriEncoding.encode(userId) + "/groups", null);
        List<Group> groups = new ArrayList<>();
        Set<URI> seen = new HashSet<>();
        for (int pages = 0; uri != null; pages++) {
            if (pages >= MAX_PAGES || !seen.add(uri)) {
                throw new UnexpectedOktaException("Okta's group pages for the user do not end", null);
            }
            Answer answer = execute(new Call("GET", uri, BUCKET_USER_GROUPS, null, "Okta user"), deadline, null);
            groups.addAll(readArray(answer, OktaJson::group));
            uri = nextLink(answer).orElse(null);
        }
        return groups;
    }

    /** {@code GET /api/v1/groups/{groupId}/users}: one page of members. */
    public Page<User> listGroupMembers(String groupId, String cursor, int limit, Deadline deadline) {
        requireId(groupId, "groupId");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("after", cursor);
        params.put("limit", limit);
        URI uri = uri("/api/v1/groups/" + UriEncoding.encode(groupId) + "/users", queryString(params));
        return page(execute(new Call("GET", uri, BUCKET_GROUP_MEMBERS, null, "Okta group"), deadline, null), OktaJson::user);
    }

    static boolean needsFilterLookup(String idOrLogin) {
        return idOrLogin.indexOf('/') >= 0 || idOrLogin.indexOf('?') >= 0
                || idOrLogin.indexOf(';') >= 0 || idOrLogin.indexOf('\\') >= 0
                // "." and ".." are dot segments: a server or proxy resolves /users/.. to another endpoint.
                || idOrLogin.equals(".") || idOrLogin.equals("..")
                // Okta reads /users/me as the credential's own user (usually a super admin).
                || idOrLogin.equalsIgnoreCase(RESERVED_ME);
    }

    // ---------------------------------------------------------------- the request loop

    private record Call(String method, URI uri, String bucket, byte[] body, String notFoundWhat) {}

    private record Answer(int status, java.net.http.HttpHeaders headers, byte[] body, String requestId) {}

    /**
     * Sends {@code call} until it succeeds or must fail. {@code beforeResend}, when given, runs before
     * a request whose previous attempt may have been carried out by Okta is sent again.
     */
    private Answer execute(Call call, Deadline deadline, Runnable beforeResend) {
        String firstFailureRequestId = null;
        OktaProvisioningException lastFailure = null;
        boolean credentialsRefreshed = false;
        // The loop's own bound: whatever a branch below decides, no call makes more than maxAttempts attempts.
        for (int attempt = 1; attempt <= retryPolicy.maxAttempts(); attempt++) {
            awaitBudget(call.bucket(), deadline);
            timeLeft(deadline, lastFailure);
            String authorization = credentials.authorizationHeader(deadline);
            // Fetching the credential may have taken time: the request gets what is left after it.
            Duration left = timeLeft(deadline, lastFailure);
            HttpRequest request = request(call, authorization, attempt, firstFailureRequestId,
                    min(settings.requestTimeout(), left));
            long started = System.nanoTime();
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                lastFailure = new TransientUpstreamException(describe(e), null, e);
                LOG.warn("Okta {} attempt {} failed: {}", call.bucket(), attempt, describe(e));
                if (!retryPolicy.mayRetryAfter(attempt)) {
                    throw lastFailure;
                }
                boolean neverSent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
                if (!neverSent && beforeResend != null) {
                    beforeResend.run();
                }
                backoff(call, attempt, deadline, lastFailure, "I/O");
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientUpstreamException("Interrupted while waiting for Okta", null, e);
            }
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            Instant receivedAt = clock.instant();
            String requestId = response.headers().firstValue(REQUEST_ID).orElse(null);
            int status = response.statusCode();
            RateLimitHeaders limits = RateLimitHeaders.from(response.headers()::firstValue);
            budget.record(call.bucket(), limits, receivedAt);
            listener.onResponse(call.method(), call.bucket(), status, latency, requestId);
            LOG.debug("Okta {} -> {} in {} ms (request id {}, attempt {})",
                    call.bucket(), status, latency.toMillis(), requestId, attempt);

            if (status >= 200 && status < 300) {
                return new Answer(status, response.headers(), response.body(), requestId);
            }
            if (firstFailureRequestId == null) {
                firstFailureRequestId = requestId;
            }
            if (status == 429) {
                int failedAttempt = attempt;
                // A concurrency 429 (Limit: 0) has no trustworthy reset: back off instead, at least 1 s.
                Duration wait = budget.waitAfterTooManyRequests(call.bucket(), limits, receivedAt)
                        .orElseGet(() -> max(Duration.ofSeconds(1), retryPolicy.backoffAfter(failedAttempt)));
                lastFailure = new RateLimitedException(seconds(wait), requestId);
                if (!retryPolicy.mayRetryAfter(attempt) || !deadline.allows(receivedAt.plus(wait))) {
                    LOG.warn("Okta {} rate limited; giving up with retry-after {} s (request id {})",
                            call.bucket(), seconds(wait), requestId);
                    throw lastFailure;
                }
                listener.onThrottleWait(call.bucket(), wait);
                listener.onRetry(call.method(), call.bucket(), attempt + 1, "HTTP 429");
                LOG.info("Okta {} rate limited; waiting {} ms (request id {})",
                        call.bucket(), wait.toMillis(), requestId);
                sleep(wait);
                continue;
            }
            if (status == 401 && !credentialsRefreshed && retryPolicy.mayRetryAfter(attempt)) {
                // A rotated token or an expired access token: fetch the credentials once more.
                credentialsRefreshed = true;
                credentials.invalidate(authorization);
                listener.onRetry(call.method(), call.bucket(), attempt + 1, "HTTP 401");
                LOG.warn("Okta {} answered 401; refreshing credentials once (request id {})",
                        call.bucket(), requestId);
                continue;
            }
            OktaProvisioningException failure = OktaErrors.toException(status, response.body(), requestId, call.notFoundWhat());
            if (status >= 500) {
                lastFailure = failure;
                LOG.warn("Okta {} attempt {} answered {} (request id {})",
                        call.bucket(), attempt, status, requestId);
                if (!retryPolicy.mayRetryAfter(attempt)) {
                    throw failure;
                }
                if (beforeResend != null) {
                    beforeResend.run();
                }
                backoff(call, attempt, deadline, failure, "HTTP " + status);
                continue;
            }
            throw failure;
        }
        // Every branch above throws on the last attempt; this keeps the bound even if one forgets.
        throw lastFailure != null ? lastFailure
                : new TransientUpstreamException("Okta could not be called in " + retryPolicy.maxAttempts() + " attempts", null);
    }

    /** The time left before the deadline; none left fails with the last failure, or as Okta unavailable. */
    private Duration timeLeft(Deadline deadline, OktaProvisioningException lastFailure) {
        Duration left = deadline.remaining(clock);
        if (left.isZero()) {
            throw lastFailure != null ? lastFailure
                    : new TransientUpstreamException("No time left before the deadline to call Okta", null);
        }
        return left;
    }

    private void awaitBudget(String bucket, Deadline deadline) {
        for (Duration wait = budget.reserve(bucket); !wait.isZero(); wait = budget.reserve(bucket)) {
            if (!deadline.allows(clock.instant().plus(wait))) {
                throw new RateLimitedException(seconds(wait), null);
            }
            listener.onThrottleWait(bucket, wait);
            LOG.info("Okta {}: this client's share of the rate limit is spent; waiting {} ms", bucket, wait.toMillis());
            sleep(wait);
        }
    }

    private void backoff(Call call, int failedAttempt, Deadline deadline, OktaProvisioningException failure, String reason) {
        Duration pause = retryPolicy.backoffAfter(failedAttempt);
        if (!deadline.allows(clock.instant().plus(pause))) {
            throw failure;
        }
        listener.onRetry(call.method(), call.bucket(), failedAttempt + 1, reason);
        sleep(pause);
    }

    private void sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientUpstreamException("Interrupted while waiting to retry Okta", null, e);
        }
    }

    private HttpRequest request(Call call, String authorization, int attempt, String firstFailureRequestId,
            Duration timeout) {
        return HeaderSafeRequests.build(() -> builder(call, authorization, attempt, firstFailureRequestId, timeout));
    }

    private HttpRequest builder(Call call, String authorization, int attempt, String firstFailureRequestId,
            Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri())
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .header("User-Agent", settings.userAgent());
        if (attempt > 1) {
            if (firstFailureRequestId != null) {
                builder.header("X-Okta-Retry-For", firstFailureRequestId);
            }
            builder.header("X-Okta-Retry-Count", Integer.toString(attempt - 1));
        }
        if (call.body() != null) {
            builder.header("Content-Type", "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()));
        } else if ("GET".equals(call.method())) {
            builder.GET();
        } else {
            // Okta answers 411 to a bodiless POST without Content-Length; the JDK sends "Content-Length: 0".
            builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    // ---------------------------------------------------------------- reading answers

    private <T> T read(Answer answer, Function<JsonNode, T> reader) {
        try {
            return reader.apply(OktaJson.MAPPER.readTree(answer.body()));
        } catch (IOException | RuntimeException e) {
            throw new UnexpectedOktaException("Okta answered with JSON we could not read", answer.requestId(), e);
        }
    }

    private <T> List<T> readArray(Answer answer, Function<JsonNode, T> reader) {
        return read(answer, node -> {
            if (!node.isArray()) {
                throw new IllegalArgumentException("expected a JSON array");
            }
            List<T> items = new ArrayList<>(node.size());
            node.forEach(item -> items.add(reader.apply(item)));
            return items;
        });
    }

    private <T> Page<T> page(Answer answer, Function<JsonNode, T> reader) {
        List<T> items = readArray(answer, reader);
        return new Page<>(items, nextCursor(answer));
    }

    /** The {@code after} of Okta's next link, or null on the last page. */
    private String nextCursor(Answer answer) {
        return nextLink(answer)
                .map(next -> LinkHeaders.queryParameter(next, "after").orElseThrow(() ->
                        new UnexpectedOktaException("Okta's next link carries no cursor", answer.requestId())))
                .orElse(null);
    }

    /** The next page's URL, refused unless it points at the configured org. */
    private Optional<URI> nextLink(Answer answer) {
        Optional<URI> next;
        try {
            next = LinkHeaders.next(answer.headers().allValues("Link"));
        } catch (IllegalArgumentException e) {
            throw new UnexpectedOktaException("Okta sent a Link header we could not read", answer.requestId(), e);
        }
        next.ifPresent(uri -> {
            if (!sameOrigin(uri, settings.orgUrl())) {
                throw new UnexpectedOktaException("Okta's next link points outside the configured org", answer.requestId());
            }
        });
        return next;
    }

    static boolean sameOrigin(URI candidate, URI org) {
        return candidate.isAbsolute()
                && candidate.getScheme().equalsIgnoreCase(org.getScheme())
                && candidate.getHost() != null && candidate.getHost().equalsIgnoreCase(org.getHost())
                && port(candidate) == port(org)
                && candidate.getRawUserInfo() == null;
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    // ---------------------------------------------------------------- building requests

    private URI uri(String rawPath, String rawQuery) {
        String base = settings.orgUrl().toString();
        return URI.create(base + rawPath + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery));
    }

    private static String queryString(Map<String, Object> params) {
        StringBuilder query = new StringBuilder();
        params.forEach((name, value) -> {
            if (value != null) {
                if (query.length() > 0) {
                    query.append('&');
                }
                query.append(name).append('=').append(UriEncoding.encode(value.toString()));
            }
        });
        return query.toString();
    }

    private static byte[] createBody(CreateUserRequest request) {
        ObjectNode body = OktaJson.MAPPER.createObjectNode();
        body.set("profile", OktaJson.MAPPER.valueToTree(request.profile().attributes()));
        if (request.password() != null) {
            body.putObject("credentials").putObject("password").put("value", request.password());
        }
        if (!request.groupIds().isEmpty()) {
            ArrayNode groups = body.putArray("groupIds");
            request.groupIds().forEach(groups::add);
        }
        try {
            return OktaJson.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a create-user body", e);
        }
    }

    private static void requireId(String id, String name) {
        if (id == null || id.isBlank()) {
            throw InvalidInputException.of(name, "is required");
        }
    }

    private static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "Timed out connecting to Okta";
        }
        if (e instanceof HttpTimeoutException) {
            return "Okta did not answer in time";
        }
        if (e instanceof ConnectException) {
            return "Could not connect to Okta";
        }
        return "Lost the connection to Okta (" + e.getClass().getSimpleName() + ")";
    }

    private static long seconds(Duration d) {
        long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Math.max(1, s);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
