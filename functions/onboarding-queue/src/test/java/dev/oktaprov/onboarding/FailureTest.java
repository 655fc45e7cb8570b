package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.errors.LoginConflictException;
import dev.oktaprov.errors.OktaAccessDeniedException;
import dev.oktaprov.errors.RateLimitedException;
import dev.oktaprov.errors.SecretsUnavailableException;
import dev.oktaprov.errors.TransientUpstreamException;
import dev.oktaprov.errors.UserNotActivatableException;
import dev.oktaprov.onboarding.Failure.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which failures are the message's, which the deployment's, and which stop the batch. */
class FailureTest {

    @Test
    void aRefusalOfTheDeploymentsCredentialsIsAConfigurationFailureThatStopsTheBatch() {
        for (RuntimeException refusal : new RuntimeException[] {
                new OktaAccessDeniedException(401, "E0000011", "req-1"),
                new OktaAccessDeniedException(401, "invalid_client", null),
                new OktaAccessDeniedException(403, "invalid_scope", null),
                new OktaAccessDeniedException(403, "E0000006", "req-2"),
                new ConfigurationException("The secret named by OKTA_SECRET_ID does not exist")}) {
            Failure failure = Failure.of(refusal);
            assertThat(failure.kind()).as(refusal.getMessage()).isEqualTo(Kind.CONFIGURATION);
            assertThat(failure.stopsTheBatch()).as(refusal.getMessage()).isTrue();
        }
    }

    @Test
    void anotherForbiddenAnswerIsTheMessagesOwn() {
        Failure failure = Failure.of(new OktaAccessDeniedException(403, "E0000005", "req-3"));

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.stopsTheBatch()).isFalse();
    }

    @Test
    void anUnreadableSecretIsTransientButStopsTheBatchWhileAnOktaOutageDoesNot() {
        Failure secrets = Failure.of(new SecretsUnavailableException("Secrets Manager could not be reached"));
        Failure okta = Failure.of(new TransientUpstreamException("Okta answered HTTP 503", "req-4"));

        assertThat(secrets.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(secrets.stopsTheBatch()).isTrue();
        assertThat(okta.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(okta.stopsTheBatch()).isFalse();
    }

    @Test
    void throttlingStopsTheBatchUntilTheReset() {
        Failure failure = Failure.of(new RateLimitedException(42, "req-5"));

        assertThat(failure.kind()).isEqualTo(Kind.THROTTLED);
        assertThat(failure.retryAfter()).hasSeconds(42);
        assertThat(failure.stopsTheBatch()).isTrue();
    }

    @Test
    void throttlingCarriesOktasWaitAndRequestId() {
        assertThat(Failure.of(new RateLimitedException(42, "req-429"))).isEqualTo(new Failure(Kind.THROTTLED,
                "RATE_LIMITED", "Okta rate limit reached, retry after 42 s", "req-429", Duration.ofSeconds(42)));
    }

    @Test
    void aThrottleWithoutOktasResetWaitsAWindowWhileOktasResetIsKeptHoweverNear() {
        assertThat(Failure.of(new RateLimitedException(3, "req-concurrency", false)).retryAfter()).hasSeconds(60);
        assertThat(Failure.of(new RateLimitedException(90, "req-concurrency", false)).retryAfter()).hasSeconds(90);
        assertThat(Failure.of(new RateLimitedException(3, "req-per-minute", true)).retryAfter()).hasSeconds(3);
    }

    @Test
    void invalidInputAndAConflictingLoginArePermanent() {
        assertThat(Failure.of(InvalidInputException.of("lastName", "is required")))
                .isEqualTo(new Failure(Kind.PERMANENT, "INVALID_INPUT", "Invalid input: lastName is required", null,
                        Duration.ZERO));
        Failure conflict = Failure.of(new LoginConflictException("00u1", "req-409"));
        assertThat(conflict.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(conflict.code()).isEqualTo("LOGIN_CONFLICT");
        assertThat(conflict.oktaRequestId()).isEqualTo("req-409");
        assertThat(conflict.retryAfter()).isZero();
        assertThat(conflict.stopsTheBatch()).isFalse();
        Failure deactivated = Failure.of(new UserNotActivatableException("00u1", "DEPROVISIONED", "req-403"));
        assertThat(deactivated.kind()).as("a start date come for a user that cannot be activated")
                .isEqualTo(Kind.PERMANENT);
        assertThat(deactivated.oktaRequestId()).isEqualTo("req-403");
    }

    @Test
    void oktaFailingCarriesItsMessageAndRequestId() {
        assertThat(Failure.of(new TransientUpstreamException("Okta answered 503", "req-503"))).isEqualTo(
                new Failure(Kind.TRANSIENT, "OKTA_UNAVAILABLE", "Okta answered 503", "req-503", Duration.ZERO));
    }

    @Test
    void aBugIsTransientAndQuotesNothingButItsType() {
        Failure failure = Failure.of(new IllegalStateException("password=hunter2"));

        assertThat(failure).isEqualTo(new Failure(Kind.TRANSIENT, "INTERNAL_ERROR", "Unexpected IllegalStateException",
                null, Duration.ZERO));
        assertThat(failure.stopsTheBatch()).isFalse();
    }
}
