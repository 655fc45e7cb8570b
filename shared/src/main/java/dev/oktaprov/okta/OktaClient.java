package dev.oktaprov.okta;

import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.errors.NotFoundException;
import dev.oktaprov.errors.RateLimitedException;
import dev.oktaprov.errors.TransientUpstreamException;
import dev.oktaprov.errors.UnexpectedOktaException;
import dev.oktaprov.okta.OktaTransport.Answer;
import dev.oktaprov.okta.OktaTransport.Call;
import dev.oktaprov.okta.model.CreateUserRequest;
import dev.oktaprov.okta.model.Group;
import dev.oktaprov.okta.model.JsonPage;
import dev.oktaprov.okta.model.Page;
import dev.oktaprov.okta.model.User;
import dev.oktaprov.okta.model.UserQuery;
import dev.oktaprov.ratelimit.RateLimitBudget;
import dev.oktaprov.ratelimit.RetryPolicy;
import dev.oktaprov.time.Deadline;
import dev.oktaprov.time.Sleeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The part of Okta's Users API this project needs, on {@code java.net.http}. Every call takes a
 * {@link Deadline} and goes through {@link OktaTransport}: the rate-limit budget, retries of 429,
 * 5xx, I/O failures and one 401, never a wait past the deadline ({@link RateLimitedException} or
 * the last {@link TransientUpstreamException} instead).
 *
 * <p>Thread-safe; one instance per execution environment, shared by all threads.
 */
public final class OktaClient {

    public static final String BUCKET_CREATE_USER = "POST /api/v1/users";
    public static final String BUCKET_LIST_USERS = "GET /api/v1/users";
    public static final String BUCKET_GET_USER = "GET /api/v1/users/{id}";
    public static final String BUCKET_USER_GROUPS = "GET /api/v1/users/{id}/groups";
    public static final String BUCKET_ACTIVATE_USER = "POST /api/v1/users/{id}/lifecycle/activate";
    /** Okta's alias for the credential's own user in {@code /api/v1/users/{id}}: never sent as an id. */
    public static final String RESERVED_ME = "me";

    /** A guard against a server whose links never end. 1,000 pages of 200 groups is far past any real user. */
    private static final int MAX_PAGES = 1000;

    private final OktaClientSettings settings;
    private final RateLimitBudget budget;
    private final OktaTransport transport;
    private final OktaAnswers answers;

    public OktaClient(OktaClientSettings settings, CredentialSource credentials, HttpClient http, Clock clock,
            Sleeper sleeper, RandomGenerator random, OktaListener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.budget = new RateLimitBudget(settings.rateLimitSharePercent(), Objects.requireNonNull(clock, "clock"));
        this.transport = new OktaTransport(settings, Objects.requireNonNull(credentials, "credentials"),
                Objects.requireNonNull(http, "http"), clock, Objects.requireNonNull(sleeper, "sleeper"),
                RetryPolicy.withMaxAttempts(settings.maxAttempts(), Objects.requireNonNull(random, "random")),
                budget, listener == null ? OktaListener.NONE : listener);
        this.answers = new OktaAnswers(settings.orgUrl());
    }

    public OktaClient(OktaClientSettings settings, CredentialSource credentials, HttpClient http, Clock clock,
            Sleeper sleeper, RandomGenerator random) {
        this(settings, credentials, http, clock, sleeper, random, OktaListener.NONE);
    }

    /** An {@link HttpClient} suited to Okta: HTTP/1.1 keep-alive, no redirects, a connect timeout. */
    public static HttpClient defaultHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    /** The shared rate-limit state, for progress displays and tests. */
    public RateLimitBudget budget() {
        return budget;
    }

    /**
     * {@code POST /api/v1/users}. A create is resent only where that cannot make a second user: after
     * an answer that leaves its outcome unknown (5xx, timeout, dropped connection) the login is looked
     * up first, and if the user now exists the caller decides whose it is.
     *
     * @param activate false creates a STAGED user; true a PROVISIONED or (with a password) ACTIVE one
     * @param nextLogin {@code changePassword} or null
     * @throws LoginAlreadyExistsException when the login exists, including after a lost answer to this very create
     */
    public User createUser(CreateUserRequest request, boolean activate, String nextLogin, Deadline deadline) {
        Objects.requireNonNull(request, "request");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("activate", activate);
        params.put("nextLogin", nextLogin);
        String login = request.profile().login();
        Runnable beforeResend = login == null ? null : () -> {
            User holder;
            try {
                holder = getUser(login, deadline);
            } catch (NotFoundException notCreated) {
                return;
            }
            throw new LoginAlreadyExistsException(null, holder);
        };
        Call call = new Call("POST", uri("/api/v1/users", params), BUCKET_CREATE_USER, OktaJson.createUserBody(request), "User");
        return OktaAnswers.read(transport.send(call, deadline, beforeResend), OktaJson::user);
    }

    /**
     * {@code GET /api/v1/users/{idOrLogin}}, the login URL-encoded. A login that cannot travel in a
     * path ({@code /}, {@code ?}, {@code ;}, {@code \}, a dot segment, or Okta's reserved {@code me})
     * is looked up with {@code filter=profile.login eq "…"}.
     *
     * @throws NotFoundException when no such user exists
     */
    public User getUser(String idOrLogin, Deadline deadline) {
        requireId(idOrLogin, "idOrLogin");
        // Okta reads /users/me as the credential's own user (usually a super admin).
        if (!UriEncoding.fitsInPathSegment(idOrLogin) || idOrLogin.equalsIgnoreCase(RESERVED_ME)) {
            Page<User> page = listUsers(UserQuery.filter(OktaExpressions.eq("profile.login", idOrLogin), 2), deadline);
            if (page.items().isEmpty()) {
                throw new NotFoundException("Okta user", null);
            }
            return page.items().get(0);
        }
        Call call = new Call("GET", uri("/api/v1/users/" + UriEncoding.encode(idOrLogin), Map.of()), BUCKET_GET_USER, null, "Okta user");
        return OktaAnswers.read(transport.send(call, deadline, null), OktaJson::user);
    }

    /**
     * {@code POST /api/v1/users/{id}/lifecycle/activate?sendEmail=…}: a STAGED or DEPROVISIONED user;
     * an ACTIVE one is refused (403 {@code E0000016}). Okta's answer (an activation token and URL)
     * lets whoever holds it finish the activation, so it is never read.
     *
     * @throws NotFoundException when no such user exists
     */
    public void activateUser(String userId, boolean sendEmail, Deadline deadline) {
        requireId(userId, "userId");
        URI uri = uri("/api/v1/users/" + UriEncoding.encode(userId) + "/lifecycle/activate", Map.of("sendEmail", sendEmail));
        transport.send(new Call("POST", uri, BUCKET_ACTIVATE_USER, null, "Okta user"), deadline, null);
    }

    /** {@code GET /api/v1/users}: one page, and the cursor of the next one. */
    public Page<User> listUsers(UserQuery query, Deadline deadline) {
        Answer answer = transport.send(listUsersCall(query), deadline, null);
        return new Page<>(OktaAnswers.readArray(answer, OktaJson::user), answers.nextCursor(answer));
    }

    /** {@code GET /api/v1/users}: one page as Okta's JSON, unread (for {@link OktaUserStream}), and the next cursor. */
    public JsonPage listUsersJson(UserQuery query, Deadline deadline) {
        Answer answer = transport.send(listUsersCall(query), deadline, null);
        return new JsonPage(answer.body(), answers.nextCursor(answer), answer.requestId());
    }

    /** {@code GET /api/v1/users/{id}/groups}, every page. */
    public List<Group> listUserGroups(String userId, Deadline deadline) {
        requireId(userId, "userId");
        URI uri = uri("/api/v1/users/" + UriEncoding.encode(userId) + "/groups", Map.of());
        List<Group> groups = new ArrayList<>();
        Set<URI> seen = new HashSet<>();
        for (int pages = 0; uri != null; pages++) {
            if (pages >= MAX_PAGES || !seen.add(uri)) {
                throw new UnexpectedOktaException("Okta's group pages for the user do not end", null);
            }
            Answer answer = transport.send(new Call("GET", uri, BUCKET_USER_GROUPS, null, "Okta user"), deadline, null);
            groups.addAll(OktaAnswers.readArray(answer, OktaJson::group));
            uri = answers.nextLink(answer).orElse(null);
        }
        return groups;
    }

    private Call listUsersCall(UserQuery query) {
        return new Call("GET", uri("/api/v1/users", query.parameters()), BUCKET_LIST_USERS, null, "Okta users");
    }

    private URI uri(String rawPath, Map<String, Object> params) {
        String query = UriEncoding.query(params);
        return URI.create(settings.orgUrl() + rawPath + (query.isEmpty() ? "" : "?" + query));
    }

    private static void requireId(String id, String name) {
        if (id == null || id.isBlank()) {
            throw InvalidInputException.of(name, "is required");
        }
    }
}
