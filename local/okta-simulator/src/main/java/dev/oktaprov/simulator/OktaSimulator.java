package dev.oktaprov.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.simulator.api.OktaApi;
import dev.oktaprov.simulator.directory.Directory;
import dev.oktaprov.simulator.directory.OktaIds;
import dev.oktaprov.simulator.faults.FaultInjector;
import dev.oktaprov.simulator.http.Counters;
import dev.oktaprov.simulator.http.SimulatorServer;
import dev.oktaprov.simulator.oauth.AuthorizationServer;
import dev.oktaprov.simulator.oauth.BearerTokenAuthenticator;
import dev.oktaprov.simulator.ratelimit.ConcurrencyLimiter;
import dev.oktaprov.simulator.ratelimit.RateLimiter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An Okta Users API simulator on a loopback port, in this JVM.
 *
 * <pre>{@code
 * try (OktaSimulator okta = OktaSimulator.start(SimulatorOptions.defaults().withToken("test-token"))) {
 *     // point a client at okta.baseUrl() with "Authorization: SSWS " + okta.token()
 *     assertThat(okta.userCount()).isEqualTo(1);
 * }
 * }</pre>
 *
 * The Java accessors read and change state without HTTP (and without counting requests); the same
 * controls exist over HTTP under /__sim for other processes.
 */
public final class OktaSimulator implements AutoCloseable {

    private final SimulatorOptions options;
    private final Directory directory;
    private final RateLimiter rateLimiter;
    private final ConcurrencyLimiter concurrencyLimiter;
    private final FaultInjector faults;
    private final Counters counters = new Counters();
    private final AuthorizationServer oauth;
    private final SimulatorTls tls;
    private final SimulatorServer server;
    private volatile Duration searchLag;

    private OktaSimulator(SimulatorOptions options) {
        this.options = options;
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        OktaIds ids = new OktaIds(options.randomSeed());
        this.directory = new Directory(options.clock(), ids);
        this.rateLimiter = new RateLimiter(options.clock(), options.rateLimitWindow(), options.limits());
        this.concurrencyLimiter = new ConcurrencyLimiter(options.concurrencyLimit());
        this.faults = new FaultInjector(options.randomSeed(), options.faults());
        this.searchLag = options.searchLag();
        seed(options.seed());
        OktaApi api = new OktaApi(directory, options.clock(), () -> searchLag, counters, ids, mapper);
        AdminEndpoints admin = new AdminEndpoints(this, mapper);
        this.oauth = new AuthorizationServer(options.clock(), mapper);
        this.tls = options.tls() ? SimulatorTls.create() : null;
        this.server = startServer(options, tls, new SimulatorServer.Pipeline(
                new BearerTokenAuthenticator(oauth, options.effectiveAuthenticator()), rateLimiter, concurrencyLimiter,
                faults, options.sleeper(), counters, ids, options.clock(), mapper, api, admin, oauth::token));
    }

    private static SimulatorServer startServer(SimulatorOptions options, SimulatorTls tls, SimulatorServer.Pipeline pipeline) {
        try {
            return SimulatorServer.start(options.port(), options.threads(), tls == null ? null : tls.serverContext(), pipeline);
        } catch (RuntimeException e) {
            if (tls != null) {
                tls.close();
            }
            throw e;
        }
    }

    /** Starts on loopback and returns once it accepts connections. */
    public static OktaSimulator start(SimulatorOptions options) {
        return new OktaSimulator(options);
    }

    /** Starts with {@link SimulatorOptions#defaults()}. */
    public static OktaSimulator start() {
        return start(SimulatorOptions.defaults());
    }

    /** {@code http://127.0.0.1:<port>} ({@code https://} with TLS), the org URL to give a client. */
    public String baseUrl() {
        return server.scheme() + "://127.0.0.1:" + port();
    }

    /**
     * The certificate and trust material when started with {@link SimulatorOptions#withTls}.
     *
     * @throws IllegalStateException when the simulator serves plain HTTP
     */
    public SimulatorTls tls() {
        if (tls == null) {
            throw new IllegalStateException("this simulator serves plain http; start it with SimulatorOptions.withTls(true)");
        }
        return tls;
    }

    public URI baseUri() {
        return URI.create(baseUrl());
    }

    public int port() {
        return server.port();
    }

    /** The API token clients send as {@code Authorization: SSWS <token>}. */
    public String token() {
        return options.token();
    }

    public SimulatorOptions options() {
        return options;
    }

    /**
     * The org authorization server: register service apps here, then clients get Bearer tokens from
     * {@code baseUrl() + "/oauth2/v1/token"}; API tokens keep working beside them.
     */
    public AuthorizationServer oauth() {
        return oauth;
    }

    // ---- state

    /** Every user, DEPROVISIONED included, in creation order. */
    public List<SimulatedUser> users() {
        return directory.users();
    }

    public int userCount() {
        return directory.userCount();
    }

    /** By login, ignoring case and diacritics like Okta. */
    public Optional<SimulatedUser> findByLogin(String login) {
        return directory.findUserByLogin(login);
    }

    public Optional<SimulatedUser> findById(String id) {
        return directory.findUser(id);
    }

    /**
     * The admin who owns the API token: what {@code GET /api/v1/users/me} answers. Found by id and
     * login like any user, but not in {@link #users()}, lists or counts.
     */
    public SimulatedUser tokenOwner() {
        return directory.tokenOwner();
    }

    /** Every group, Everyone first. */
    public List<SimulatedGroup> groups() {
        return directory.groups();
    }

    /** By id or exact name. */
    public Optional<SimulatedGroup> findGroup(String idOrName) {
        return directory.resolveGroup(idOrName);
    }

    /** The id of the BUILT_IN Everyone group. */
    public String everyoneGroupId() {
        return directory.everyoneGroupId();
    }

    public SimulatedGroup addGroup(String name, String description) {
        return addGroup(SeedGroup.named(name, description));
    }

    public SimulatedGroup addGroup(SeedGroup group) {
        return directory.addGroup(group);
    }

    public List<SimulatedUser> seedUsers(SeedUser... users) {
        return seedUsers(List.of(users));
    }

    public List<SimulatedUser> seedUsers(List<SeedUser> users) {
        List<SimulatedUser> seeded = new ArrayList<>(users.size());
        users.forEach(user -> seeded.add(directory.seed(user)));
        return seeded;
    }

    /** Groups first, then users (which may name those groups). */
    public void seed(SeedData data) {
        data.groups().forEach(directory::addGroup);
        seedUsers(data.users());
    }

    // ---- counters and controls

    public SimulatorCounters counters() {
        return counters.snapshot();
    }

    /**
     * Back to the state at start: the options' seed data only (same ids), zero counters, fresh
     * rate-limit windows, and the start options' limits, concurrency limit, faults and search lag.
     * OAuth access tokens and used assertion ids are forgotten; registered service apps stay.
     */
    public void reset() {
        directory.clear();
        seed(options.seed());
        counters.reset();
        rateLimiter.reset(options.limits());
        concurrencyLimiter.setLimit(options.concurrencyLimit());
        faults.restart(options.faults());
        searchLag = options.searchLag();
        oauth.reset();
    }

    public void setLimit(RateLimitBucket bucket, int perMinute) {
        rateLimiter.setLimit(bucket, perMinute);
    }

    public int limit(RateLimitBucket bucket) {
        return rateLimiter.limit(bucket);
    }

    public Map<RateLimitBucket, Integer> limits() {
        return rateLimiter.limits();
    }

    public void setConcurrencyLimit(int inFlight) {
        concurrencyLimiter.setLimit(inFlight);
    }

    public int concurrencyLimit() {
        return concurrencyLimiter.limit();
    }

    public void setFaults(FaultPlan plan) {
        faults.setPlan(plan);
    }

    /** The plan in force, with the scripted faults not yet used. */
    public FaultPlan faults() {
        return faults.plan();
    }

    public void setSearchLag(Duration lag) {
        if (lag.isNegative()) {
            throw new IllegalArgumentException("search lag must not be negative");
        }
        searchLag = lag;
    }

    /** Stops listening (requests in flight are cut off) and removes the TLS files. */
    @Override
    public void close() {
        server.close();
        if (tls != null) {
            tls.close();
        }
    }

    @Override
    public String toString() {
        return "OktaSimulator[" + baseUrl() + "]";
    }
}
