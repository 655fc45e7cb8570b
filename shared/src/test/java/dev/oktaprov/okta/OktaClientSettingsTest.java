package dev.oktaprov.okta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a client may be configured with: each value out of range is refused by name, the edges are accepted. */
class OktaClientSettingsTest {

    private static final OktaClientSettings ACME = OktaClientSettings.defaults(URI.create("https://acme.okta.com"));

    @ParameterizedTest
    @ValueSource(strings = {"acme.okta.com", "/api/v1/users", "mailto:admin@acme.example"})
    void theOrgUrlMustBeAbsoluteWithAHost(String url) {
        assertThatThrownBy(() -> OktaClientSettings.defaults(URI.create(url))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("orgUrl must be an absolute URL with a host");
    }

    @Test
    void theOrgUrlKeepsOnlyItsOriginWithTheSchemeInLowerCase() {
        assertThat(OktaClientSettings.defaults(URI.create("HTTPS://acme.okta.com:8443/admin?x=1")).orgUrl())
                .isEqualTo(URI.create("https://acme.okta.com:8443"));
    }

    @Test
    void theShareIsOneToAHundredPercent() {
        assertThat(ACME.withRateLimitShare(1).rateLimitSharePercent()).isEqualTo(1);
        assertThat(ACME.withRateLimitShare(100).rateLimitSharePercent()).isEqualTo(100);
        assertThatThrownBy(() -> ACME.withRateLimitShare(0)).hasMessage("rateLimitSharePercent must be 1-100");
        assertThatThrownBy(() -> ACME.withRateLimitShare(101)).hasMessage("rateLimitSharePercent must be 1-100");
    }

    @Test
    void atLeastOneAttemptAndAPositiveTimeout() {
        assertThat(ACME.withMaxAttempts(1).maxAttempts()).isEqualTo(1);
        assertThatThrownBy(() -> ACME.withMaxAttempts(0)).hasMessage("maxAttempts must be at least 1");
        assertThat(ACME.withRequestTimeout(Duration.ofMillis(1)).requestTimeout()).isEqualTo(Duration.ofMillis(1));
        assertThatThrownBy(() -> ACME.withRequestTimeout(Duration.ZERO)).hasMessage("requestTimeout must be positive");
        assertThatThrownBy(() -> ACME.withRequestTimeout(Duration.ofSeconds(-1))).hasMessage("requestTimeout must be positive");
    }

    @Test
    void noUserAgentOrABlankOneIsOurs() {
        URI org = URI.create("https://acme.okta.com");

        assertThat(new OktaClientSettings(org, 100, 5, Duration.ofSeconds(10), " ").userAgent())
                .isEqualTo(OktaClientSettings.DEFAULT_USER_AGENT).startsWith("okta-provisioning/");
        assertThat(new OktaClientSettings(org, 100, 5, Duration.ofSeconds(10), "hr-sync/2").userAgent()).isEqualTo("hr-sync/2");
    }
}
