package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.errors.LoginConflictException;
import dev.oktaprov.errors.RateLimitedException;
import dev.oktaprov.errors.TransientUpstreamException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What each failure means for its message: the DLQ at once, back to the queue, or waiting for Okta. */
class FailureTest {

    @Test
    void throttlingCarriesOktasWaitAndRequestId() {
        Failure failure = Failure.of(new RateLimitedException(42, "req-429"));

        assertThat(failure).isEqualTo(new Failure(Failure.Kind.THROTTLED, "RATE_LIMITED",
                "Okta rate limit reached, retry after 42 s", "req-429", Duration.ofSeconds(42)));
        assertThat(failure.isConfiguration()).isFalse();
    }

    @Test
    void invalidInputAndAConflictingLoginArePermanent() {
        assertThat(Failure.of(InvalidInputException.of("lastName", "is required")))
                .isEqualTo(new Failure(Failure.Kind.PERMANENT, "INVALID_INPUT", "Invalid input: lastName is required", null,
                        Duration.ZERO));
        Failure conflict = Failure.of(new LoginConflictException("00u1", "req-409"));
        assertThat(conflict.kind()).isEqualTo(Failure.Kind.PERMANENT);
        assertThat(conflict.code()).isEqualTo("LOGIN_CONFLICT");
        assertThat(conflict.oktaRequestId()).isEqualTo("req-409");
        assertThat(conflict.retryAfter()).isZero();
    }

    @Test
    void anUnreadableSecretIsTransientAndStopsTheBatch() {
        Failure failure = Failure.of(new ConfigurationException("OKTA_SECRET_ID: the secret cannot be read"));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.TRANSIENT);
        assertThat(failure.code()).isEqualTo("CONFIGURATION");
        assertThat(failure.isConfiguration()).isTrue();
    }

    @Test
    void oktaFailingIsTransient() {
        Failure failure = Failure.of(new TransientUpstreamException("Okta answered 503", "req-503"));

        assertThat(failure).isEqualTo(new Failure(Failure.Kind.TRANSIENT, "OKTA_UNAVAILABLE", "Okta answered 503", "req-503",
                Duration.ZERO));
        assertThat(failure.isConfiguration()).isFalse();
    }

    @Test
    void aBugIsTransientAndQuotesNothingButItsType() {
        Failure failure = Failure.of(new IllegalStateException("password=hunter2"));

        assertThat(failure).isEqualTo(new Failure(Failure.Kind.TRANSIENT, "INTERNAL_ERROR", "Unexpected IllegalStateException",
                null, Duration.ZERO));
    }
}
