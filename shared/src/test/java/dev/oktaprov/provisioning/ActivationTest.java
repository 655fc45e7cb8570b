package dev.oktaprov.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oktaprov.credentials.Secret;
import dev.oktaprov.credentials.StaticTokenCredentialSource;
import dev.oktaprov.errors.NotFoundException;
import dev.oktaprov.errors.RateLimitedException;
import dev.oktaprov.errors.UserNotActivatableException;
import dev.oktaprov.okta.CredentialSource;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.okta.OktaClientSettings;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.MutableClock;
import dev.oktaprov.time.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The core's activation against the simulator: idempotence, a deactivated or deleted hire, the rate limit. */
class ActivationTest {

    private final MutableClock clock = MutableClock.at("2026-12-01T07:00:00Z");
    private OktaSimulator okta;
    private ProvisioningService service;

    @BeforeEach
    void start() {
        okta = OktaSimulator.start(SimulatorOptions.defaults().withToken("test-token").withClock(clock)
                .withSleeper(clock::advance));
        service = new ProvisioningService(client(100));
    }

    @AfterEach
    void stop() {
        okta.close();
    }

    private OktaClient client(int sharePercent) {
        CredentialSource token = new StaticTokenCredentialSource(Secret.of(okta.token()));
        return new OktaClient(OktaClientSettings.defaults(okta.baseUri()).withRateLimitShare(sharePercent), token,
                OktaClient.defaultHttpClient(Duration.ofSeconds(2)), clock, clock::advance, new SplittableRandom(7));
    }

    private SimulatedUser seed(String login, String status) {
        return okta.seedUsers(SeedUser.of(login, "Ada", "Lovelace").withStatus(status)).get(0);
    }

    private long activateRequests() {
        return okta.counters().requests(RateLimitBucket.OTHER);
    }

    private String status(SimulatedUser user) {
        return okta.findById(user.id()).orElseThrow().status();
    }

    @Test
    void aStagedUserIsActivatedOnceAndASecondActivationSendsNothing() {
        SimulatedUser staged = seed("ada@example.com", "STAGED");

        ActivationResult first = service.activate(staged.id(), true, Deadline.none());
        ActivationResult second = service.activate(staged.id(), true, Deadline.none());

        assertThat(first.outcome()).isEqualTo(ActivationOutcome.ACTIVATED);
        assertThat(second.outcome()).isEqualTo(ActivationOutcome.ALREADY_ACTIVE);
        assertThat(status(staged)).isEqualTo("ACTIVE"); // seeded with a password: signs in at once
        assertThat(activateRequests()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ACTIVE", "PROVISIONED", "PASSWORD_EXPIRED", "LOCKED_OUT", "RECOVERY"})
    void aUserActivatedBeforeIsAlreadyActiveWithoutACall(String status) {
        SimulatedUser user = seed("ada@example.com", status);

        ActivationResult result = service.activate(user.id(), true, Deadline.none());

        assertThat(result.outcome()).isEqualTo(ActivationOutcome.ALREADY_ACTIVE);
        assertThat(result.user().status()).isEqualTo(status);
        assertThat(activateRequests()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEPROVISIONED", "SUSPENDED"})
    void aDeactivatedOrSuspendedUserIsRefusedAndLeftAsItIs(String status) {
        // Okta itself would activate a DEPROVISIONED user: the refusal is ours.
        SimulatedUser user = seed("ada@example.com", status);

        UserNotActivatableException refused = catchThrowableOfType(UserNotActivatableException.class,
                () -> service.activate(user.id(), true, Deadline.none()));

        assertThat(refused.code()).isEqualTo("USER_NOT_ACTIVATABLE");
        assertThat(refused.status()).isEqualTo(status);
        assertThat(refused.getMessage()).contains(user.id()).doesNotContain("ada@example.com");
        assertThat(status(user)).isEqualTo(status);
        assertThat(activateRequests()).isZero();
    }

    @Test
    void aHireDeactivatedAfterItWasStagedIsRefused() {
        SimulatedUser staged = seed("ada@example.com", "STAGED");
        okta.deactivate(staged.id());

        assertThatThrownBy(() -> service.activate(staged.id(), true, Deadline.none()))
                .isInstanceOf(UserNotActivatableException.class);
        assertThat(status(staged)).isEqualTo("DEPROVISIONED");
    }

    @Test
    void aDeletedUserIsNotFound() {
        assertThatThrownBy(() -> service.activate("00uDELETED0000000000", true, Deadline.none()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void activationsWaitForTheirOwnBucketsResetAndNeverMeetA429() {
        okta.setLimit(RateLimitBucket.OTHER, 2);
        List<SimulatedUser> hires = List.of(seed("a@example.com", "STAGED"), seed("b@example.com", "STAGED"),
                seed("c@example.com", "STAGED"));

        hires.forEach(hire -> service.activate(hire.id(), true, Deadline.none()));

        assertThat(hires).allSatisfy(hire -> assertThat(status(hire)).isEqualTo("ACTIVE"));
        assertThat(okta.counters().rateLimited(RateLimitBucket.OTHER)).isZero();
        assertThat(clock.totalAdvanced()).isPositive();
    }

    @Test
    void noTimeLeftForTheResetIsRateLimitedAndTheHireStaysStaged() {
        okta.setLimit(RateLimitBucket.OTHER, 1);
        SimulatedUser first = seed("a@example.com", "STAGED");
        SimulatedUser second = seed("b@example.com", "STAGED");
        service.activate(first.id(), true, Deadline.none());

        RateLimitedException limited = catchThrowableOfType(RateLimitedException.class,
                () -> service.activate(second.id(), true, Deadline.after(Duration.ofSeconds(5), clock)));

        assertThat(limited.retryAfterSeconds()).isPositive();
        assertThat(status(second)).isEqualTo("STAGED");
        assertThat(okta.counters().rateLimited(RateLimitBucket.OTHER)).isZero();
    }
}
