package dev.oktaprov.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oktaprov.credentials.OAuthCredentialSource;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.credentials.ServiceAppCredentials;
import dev.oktaprov.credentials.SigningKey;
import dev.oktaprov.errors.OktaAccessDeniedException;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.okta.OktaClientSettings;
import dev.oktaprov.okta.model.CreateUserRequest;
import dev.oktaprov.okta.model.Profile;
import dev.oktaprov.okta.model.User;
import dev.oktaprov.okta.model.UserQuery;
import dev.oktaprov.provisioning.ActivationOutcome;
import dev.oktaprov.provisioning.ActivationResult;
import dev.oktaprov.provisioning.ProvisioningService;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatedGroup;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.MutableClock;
import dev.oktaprov.testsupport.TestKeys;
import dev.oktaprov.time.Deadline;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The core's OAuth client against the simulator's token endpoint, which verifies every assertion the
 * core signs: RS256 and ES256 keys made here, tokens cached by the clock, one refresh on 401, and
 * the least scopes each function declares being enough for what it calls.
 */
class ServiceAppAgainstSimulatorTest {

    private static final KeyPair RSA = TestKeys.rsa();
    private static final KeyPair EC = TestKeys.ec();
    private static final String CLIENT_ID = "0oaSERVICEAPP";

    private final MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");
    private OktaSimulator okta;
    private SimulatedGroup engineering;

    @BeforeEach
    void start() {
        okta = OktaSimulator.start(SimulatorOptions.defaults().withClock(clock));
        engineering = okta.addGroup("Engineering", "Builds things");
    }

    @AfterEach
    void stop() {
        okta.close();
    }

    private void register(KeyPair keys, List<String> granted) {
        okta.oauth().register(CLIENT_ID, TestKeys.publicPem(keys), "kid-1", granted);
    }

    private OAuthCredentialSource source(KeyPair keys, List<String> scopes) {
        ServiceAppCredentials app = new ServiceAppCredentials(CLIENT_ID, SigningKey.fromPem(TestKeys.privatePem(keys)), "kid-1");
        return new OAuthCredentialSource(okta.baseUri(), app, scopes, OktaClient.defaultHttpClient(Duration.ofSeconds(2)),
                clock, Duration.ofSeconds(5));
    }

    private OktaClient client(OAuthCredentialSource credentials) {
        return new OktaClient(OktaClientSettings.defaults(okta.baseUri()), credentials,
                OktaClient.defaultHttpClient(Duration.ofSeconds(2)), clock, clock::advance, new SplittableRandom(1));
    }

    private static CreateUserRequest newHire(String login) {
        return new CreateUserRequest(Profile.of(login, "Ada", "Lovelace", login, null), null, List.of());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RS256", "ES256"})
    void createsAndReadsUsersWithABearerToken(String algorithm) {
        KeyPair keys = algorithm.equals("RS256") ? RSA : EC;
        register(keys, OAuthScopes.ALL);
        OktaClient client = client(source(keys, OAuthScopes.ALL));

        User created = client.createUser(newHire("ada@example.com"), false, null, Deadline.none());
        User read = client.getUser(created.id(), Deadline.none());

        assertThat(read.profile().login()).isEqualTo("ada@example.com");
        assertThat(okta.oauth().tokensIssued()).as("one token serves every call").isEqualTo(1);
        assertThat(okta.oauth().activeTokens().get(0).scopes())
                .containsExactlyInAnyOrder("okta.users.manage", "okta.users.read", "okta.groups.read");
    }

    @Test
    void aDpopBoundAppCreatesAndReadsUsersAfterOneHandshake() {
        register(EC, OAuthScopes.ALL);
        okta.oauth().requireDpop(CLIENT_ID);
        OktaClient client = client(source(EC, OAuthScopes.ALL));

        User created = client.createUser(newHire("a+b@example.com"), false, null, Deadline.none());
        User byLogin = client.getUser("a+b@example.com", Deadline.none());
        okta.oauth().revokeAll();
        User afterRevocation = client.getUser(created.id(), Deadline.none());

        assertThat(byLogin.id()).isEqualTo(created.id());
        assertThat(afterRevocation.profile().login()).isEqualTo("a+b@example.com");
        assertThat(okta.oauth().tokenRequests()).as("the handshake's three, then one with the kept key and nonce").isEqualTo(4);
        assertThat(okta.oauth().tokensIssued()).isEqualTo(2);
    }

    @Test
    void theTokenIsKeptUntilAMinuteBeforeItExpires() {
        register(EC, OAuthScopes.READ_USERS);
        OAuthCredentialSource source = source(EC, OAuthScopes.READ_USERS);

        String first = source.authorizationHeader(Deadline.none());
        clock.advance(Duration.ofSeconds(3539));
        String stillFirst = source.authorizationHeader(Deadline.none());
        clock.advance(Duration.ofSeconds(1));
        String second = source.authorizationHeader(Deadline.none());

        assertThat(first).startsWith("Bearer ");
        assertThat(stillFirst).isEqualTo(first);
        assertThat(second).isNotEqualTo(first);
        assertThat(okta.oauth().tokensIssued()).isEqualTo(2);
    }

    @Test
    void a401FromTheApiFetchesANewTokenOnce() {
        register(RSA, OAuthScopes.READ_USERS);
        OktaClient client = client(source(RSA, OAuthScopes.READ_USERS));
        client.listUsers(UserQuery.all(), Deadline.none());

        okta.oauth().revokeAll();
        client.listUsers(UserQuery.all(), Deadline.none());

        assertThat(okta.oauth().tokensIssued()).isEqualTo(2);
        assertThat(okta.counters().totalRequests()).as("first list, the 401, the retry").isEqualTo(3);
    }

    @Test
    void anUnregisteredKeyIsAccessDeniedAndNothingReachesTheApi() {
        register(RSA, OAuthScopes.ALL);
        OktaClient client = client(source(EC, OAuthScopes.ALL));

        OktaAccessDeniedException e = catchThrowableOfType(OktaAccessDeniedException.class,
                () -> client.listUsers(UserQuery.all(), Deadline.none()));

        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.code()).isEqualTo("OKTA_UNAUTHORIZED");
        assertThat(e.getMessage()).contains("invalid_client").doesNotContain("eyJ");
        assertThat(okta.oauth().tokenRequests()).isEqualTo(1);
        assertThat(okta.counters().totalRequests()).isZero();
    }

    @Test
    void askingForAScopeTheAppLacksIsForbidden() {
        register(RSA, OAuthScopes.READ_USERS);

        OktaAccessDeniedException e = catchThrowableOfType(OktaAccessDeniedException.class,
                () -> source(RSA, OAuthScopes.CREATE_USERS).authorizationHeader(Deadline.none()));

        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getMessage()).contains("invalid_scope");
    }

    @Test
    void anEndpointOutsideTheTokensScopesIs403AndNotRetried() {
        register(RSA, OAuthScopes.ALL);
        OktaClient client = client(source(RSA, OAuthScopes.READ_USERS));

        OktaAccessDeniedException e = catchThrowableOfType(OktaAccessDeniedException.class,
                () -> client.createUser(newHire("ada@example.com"), false, null, Deadline.none()));

        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getMessage()).contains("E0000006");
        assertThat(okta.userCount()).isZero();
        assertThat(okta.oauth().tokensIssued()).isEqualTo(1);
    }

    @Test
    void eachFunctionsDefaultScopesCoverWhatItCalls() {
        register(EC, OAuthScopes.ALL);
        OktaClient creator = client(source(EC, OAuthScopes.CREATE_USERS));
        OktaClient reader = client(source(EC, OAuthScopes.READ_USERS));

        User created = creator.createUser(newHire("grace@example.com"), false, null, Deadline.none());
        // The idempotent create looks the login up when Okta says it is taken.
        creator.getUser("grace@example.com", Deadline.none());
        reader.getUser(created.id(), Deadline.none());
        reader.listUserGroups(created.id(), Deadline.none());
        reader.listUsers(UserQuery.all(), Deadline.none());

        assertThat(catchThrowableOfType(OktaAccessDeniedException.class,
                () -> reader.createUser(newHire("eve@example.com"), false, null, Deadline.none())).httpStatus())
                .as("a reader's token cannot create").isEqualTo(403);
    }

    @Test
    void activateUsersScopesCoverTheActivationAndItsStatusReadAndAReaderCannotActivate() {
        register(EC, OAuthScopes.ALL);
        OktaClient creator = client(source(EC, OAuthScopes.CREATE_USERS));
        OktaClient activator = client(source(EC, OAuthScopes.ACTIVATE_USERS));
        OktaClient reader = client(source(EC, OAuthScopes.READ_USERS));
        User staged = creator.createUser(newHire("hedy@example.com"), false, null, Deadline.none());

        ActivationResult activated = new ProvisioningService(activator).activate(staged.id(), true, Deadline.none());

        assertThat(activated.outcome()).isEqualTo(ActivationOutcome.ACTIVATED);
        assertThat(okta.findById(staged.id())).get().extracting(SimulatedUser::status).isEqualTo("PROVISIONED");
        assertThat(catchThrowableOfType(OktaAccessDeniedException.class,
                () -> reader.activateUser(staged.id(), true, Deadline.none())).httpStatus())
                .as("a reader's token cannot activate").isEqualTo(403);
    }
}
