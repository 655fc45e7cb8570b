package dev.oktaprov.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.oktaprov.errors.OktaAccessDeniedException;
import dev.oktaprov.errors.OktaProvisioningException;
import dev.oktaprov.errors.SecretsUnavailableException;
import dev.oktaprov.okta.CredentialSource;
import dev.oktaprov.runtime.ProvisioningMetrics;
import dev.oktaprov.time.Deadline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The credential source as the runtime hands it to the Okta client: each failure to produce a header
 * is counted for the alarms (CredentialMetricsTest holds the same against the simulator and moto),
 * and everything else reaches the source itself: a refused token is forgotten, a SnapStart restore
 * forgets, a checkpoint primes, a log line shows the source's own masked description.
 */
class CountingCredentialSourceTest {

    private final List<String> calls = new ArrayList<>();
    private OktaProvisioningException failure;

    private final CredentialSource source = new CredentialSource() {
        @Override
        public String authorizationHeader(Deadline deadline) {
            calls.add("header");
            if (failure != null) {
                throw failure;
            }
            return "SSWS 00token";
        }

        @Override
        public void invalidate(String rejectedHeader) {
            calls.add("invalidate " + rejectedHeader);
        }

        @Override
        public void invalidate() {
            calls.add("invalidate");
        }

        @Override
        public void prime() {
            calls.add("prime");
        }

        @Override
        public String toString() {
            return "Source[token=***]";
        }
    };

    @BeforeEach
    void emptyMetrics() {
        // Powertools keeps one metrics instance per process: start from an empty one.
        CredentialMetricsTest.flushed(ProvisioningMetrics.fromEnvironment(Map.of()));
    }

    @Test
    void aRefusalByOktaCountsAsAnAuthorizationFailure() {
        ProvisioningMetrics metrics = ProvisioningMetrics.fromEnvironment(Map.of());
        failure = new OktaAccessDeniedException(401, "invalid_client", null);

        assertThat(catchThrowable(() -> metrics.counting(source).authorizationHeader(Deadline.none()))).isSameAs(failure);
        assertThat(CredentialMetricsTest.flushed(metrics)).containsEntry(ProvisioningMetrics.OKTA_AUTHORIZATION_FAILURES, 1.0)
                .doesNotContainKey(ProvisioningMetrics.CREDENTIALS_UNAVAILABLE);
    }

    @Test
    void anyOtherFailureCountsAsCredentialsUnavailable() {
        ProvisioningMetrics metrics = ProvisioningMetrics.fromEnvironment(Map.of());
        failure = new SecretsUnavailableException("Secrets Manager is unavailable", null);

        assertThat(catchThrowable(() -> metrics.counting(source).authorizationHeader(Deadline.none()))).isSameAs(failure);
        assertThat(CredentialMetricsTest.flushed(metrics)).containsEntry(ProvisioningMetrics.CREDENTIALS_UNAVAILABLE, 1.0)
                .doesNotContainKey(ProvisioningMetrics.OKTA_AUTHORIZATION_FAILURES);
    }

    @Test
    void everythingElseReachesTheSource() {
        CredentialSource counting = ProvisioningMetrics.fromEnvironment(Map.of()).counting(source);

        assertThat(counting.authorizationHeader(Deadline.none())).isEqualTo("SSWS 00token");
        counting.invalidate("SSWS 00token");
        counting.invalidate();
        counting.prime();

        assertThat(calls).containsExactly("header", "invalidate SSWS 00token", "invalidate", "prime");
        assertThat(counting).hasToString("Source[token=***]");
    }
}
