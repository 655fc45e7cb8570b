package dev.oktaprov.okta.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.okta.sdk.authc.credentials.TokenClientCredentials;
import com.okta.sdk.cache.Caches;
import com.okta.sdk.client.Clients;
import com.okta.sdk.helper.PaginationUtil;
import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.api.UserResourcesApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.model.UserProfile;
import dev.oktaprov.credentials.Secret;
import dev.oktaprov.credentials.StaticTokenCredentialSource;
import dev.oktaprov.errors.NotFoundException;
import dev.oktaprov.okta.LoginAlreadyExistsException;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.okta.OktaClientSettings;
import dev.oktaprov.okta.model.CreateUserRequest;
import dev.oktaprov.okta.model.Group;
import dev.oktaprov.okta.model.Page;
import dev.oktaprov.okta.model.Profile;
import dev.oktaprov.okta.model.User;
import dev.oktaprov.okta.model.UserQuery;
import dev.oktaprov.simulator.Fault;
import dev.oktaprov.simulator.FaultPlan;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatedGroup;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.time.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One scenario, two clients, one simulator: okta-sdk-java 24 (Okta's own, unchanged) and the
 * project's {@link OktaClient} must see the same org. Where they disagree, one of them (or the
 * simulator) is wrong about Okta.
 */
class OktaSdkComparisonTest {

    /** The system clock plus whatever the project's client has "slept": its waits pass without sleeping. */
    private static final class SkippingClock extends Clock {
        private volatile Duration skipped = Duration.ZERO;

        void skip(Duration duration) {
            skipped = skipped.plus(duration);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(skipped);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private static final String HTTPS_CHECK = "okta.testing.disableHttpsCheck";
    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final SkippingClock CLOCK = new SkippingClock();
    private static final List<Duration> WAITS = new CopyOnWriteArrayList<>();
    private static OktaSimulator okta;
    private static ApiClient sdk;
    private static OktaClient ours;

    @BeforeAll
    static void start() {
        // A two-second window: the SDK waits out a 429 for real, in about three seconds.
        okta = OktaSimulator.start(SimulatorOptions.defaults().withClock(CLOCK).withRateLimitWindow(WINDOW));
        String previous = System.setProperty(HTTPS_CHECK, "true");
        try {
            sdk = Clients.builder().setOrgUrl(okta.baseUrl()).setClientCredentials(new TokenClientCredentials(okta.token()))
                    .setCacheManager(Caches.newDisabledCacheManager()).setRetryMaxAttempts(2).setRetryMaxElapsed(30).build();
        } finally {
            if (previous == null) {
                System.clearProperty(HTTPS_CHECK);
            }
        }
        ours = new OktaClient(OktaClientSettings.defaults(okta.baseUri()).withMaxAttempts(3),
                new StaticTokenCredentialSource(Secret.of(okta.token())), OktaClient.defaultHttpClient(Duration.ofSeconds(2)),
                CLOCK, duration -> {
                    WAITS.add(duration);
                    CLOCK.skip(duration);
                }, RandomGenerator.of("L64X128MixRandom"));
    }

    @AfterAll
    static void stop() {
        okta.close();
    }

    @BeforeEach
    void freshOrg() {
        okta.reset();
        WAITS.clear();
    }

    @Test
    void bothPageThroughTheSameUsersInTheSameOrder() throws ApiException {
        for (int i = 1; i <= 7; i++) {
            okta.seedUsers(SeedUser.of("paged" + i + "@example.com", "Paged", "User" + i));
        }

        List<String> bySdk = new ArrayList<>();
        int sdkPages = 0;
        String after = null;
        do {
            new UserApi(sdk).listUsers(null, null, after, 3, null, null, null, null)
                    .forEach(user -> bySdk.add(user.getProfile().getLogin()));
            sdkPages++;
            after = PaginationUtil.getAfter(sdk);
        } while (after != null && sdkPages < 10);
        List<String> byOurs = new ArrayList<>();
        int ourPages = 0;
        String cursor = null;
        do {
            Page<User> page = ours.listUsers(new UserQuery(null, null, null, 3, cursor, null, null), Deadline.none());
            page.items().forEach(user -> byOurs.add(user.profile().login()));
            ourPages++;
            cursor = page.nextCursor();
        } while (cursor != null && ourPages < 10);

        assertThat(sdkPages).isEqualTo(3);
        assertThat(ourPages).isEqualTo(3);
        assertThat(byOurs).hasSize(7).doesNotHaveDuplicates().containsExactlyElementsOf(bySdk);
    }

    @Test
    void aUserCreatedByOneIsTheSameUserToTheOtherAndADuplicateToBoth() throws ApiException {
        SimulatedGroup engineering = okta.addGroup("Engineering", "Builds things");
        CreateUserRequest request = new CreateUserRequest(
                Profile.of("grace.hopper@example.com", "Grace", "Hopper", "grace.hopper@example.com", Map.of()),
                "Correct-Horse-9", List.of(engineering.id()));

        User created = ours.createUser(request, true, null, Deadline.none());
        var readBySdk = new UserApi(sdk).getUser(created.id(), null, null);
        List<String> sdkGroups = new UserResourcesApi(sdk).listUserGroups(created.id()).stream()
                .map(group -> group.getProfile().getName()).toList();
        List<String> ourGroups = ours.listUserGroups(created.id(), Deadline.none()).stream().map(Group::name).toList();
        List<String> sdkMembers = new GroupApi(sdk).listGroupUsers(engineering.id(), null, 200).stream()
                .map(com.okta.sdk.resource.model.User::getId).toList();

        assertThat(readBySdk.getProfile().getLogin()).isEqualTo(created.profile().login());
        assertThat(readBySdk.getStatus().getValue()).isEqualTo(created.status()).isEqualTo("ACTIVE");
        assertThat(sdkGroups).containsExactly("Everyone", "Engineering").isEqualTo(ourGroups);
        assertThat(sdkMembers).containsExactly(created.id());
        assertThatThrownBy(() -> ours.createUser(request, true, null, Deadline.none()))
                .isInstanceOf(LoginAlreadyExistsException.class);
        assertThatThrownBy(() -> new UserApi(sdk).createUser(sdkRequest("grace.hopper@example.com"), true, false, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getResponseBody()).contains("E0000001");
                });
        assertThat(okta.userCount()).isEqualTo(1);
    }

    @Test
    void bothSeeTheSame404() {
        assertThatThrownBy(() -> new UserApi(sdk).getUser("nobody@example.com", null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
        assertThatThrownBy(() -> ours.getUser("nobody@example.com", Deadline.none()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void bothGetPastASpentWindowAndRetryA503() throws ApiException {
        String id = okta.seedUsers(SeedUser.of("ada@example.com", "Ada", "Lovelace")).get(0).id();
        // Both clients warmed up first, so that their two calls below fall in one window even on a busy machine.
        new UserApi(sdk).getUser(id, null, null);
        ours.getUser(id, Deadline.none());
        CLOCK.skip(WINDOW);
        okta.setLimit(RateLimitBucket.USER_GET, 1);

        String sdkFirst = new UserApi(sdk).getUser(id, null, null).getId();
        String sdkAfterWait = new UserApi(sdk).getUser(id, null, null).getId();
        long sdk429s = okta.counters().rateLimited(RateLimitBucket.USER_GET);
        CLOCK.skip(WINDOW); // past the SDK's window: our client starts on a fresh one too
        String ourFirst = ours.getUser(id, Deadline.none()).id();
        String ourAfterWait = ours.getUser(id, Deadline.none()).id();
        long our429s = okta.counters().rateLimited(RateLimitBucket.USER_GET) - sdk429s;
        okta.setLimit(RateLimitBucket.USER_GET, 2000);
        okta.setFaults(FaultPlan.none().withNext(Fault.ERROR_503));
        String sdkAfter503 = new UserApi(sdk).getUser(id, null, null).getId();
        okta.setFaults(FaultPlan.none().withNext(Fault.ERROR_503));
        String ourAfter503 = ours.getUser(id, Deadline.none()).id();

        assertThat(List.of(sdkFirst, sdkAfterWait, ourFirst, ourAfterWait, sdkAfter503, ourAfter503)).containsOnly(id);
        assertThat(sdk429s).as("the SDK met one 429").isEqualTo(1);
        assertThat(our429s).as("our client read remaining 0 and waited for the reset instead").isZero();
        assertThat(okta.counters().faults(Fault.ERROR_503)).isEqualTo(2);
        assertThat(WAITS).as("our client's waits for the reset (its budget is a share of the limit), then its back-off")
                .isNotEmpty().allSatisfy(wait -> assertThat(wait).isBetween(Duration.ofMillis(1), WINDOW.plusSeconds(2)));
    }

    private static com.okta.sdk.resource.model.CreateUserRequest sdkRequest(String login) {
        UserProfile profile = new UserProfile();
        profile.setLogin(login);
        profile.setEmail(login);
        profile.setFirstName("Grace");
        profile.setLastName("Hopper");
        return new com.okta.sdk.resource.model.CreateUserRequest().profile(profile);
    }
}
