package dev.oktaprov.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.oktaprov.credentials.Secret;
import dev.oktaprov.credentials.StaticTokenCredentialSource;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.errors.UnexpectedOktaException;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.okta.OktaClientSettings;
import dev.oktaprov.okta.model.UserQuery;
import dev.oktaprov.runtime.ProvisioningConfig;
import dev.oktaprov.testsupport.MutableClock;
import dev.oktaprov.time.Deadline;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Credentials go to the configured org's origin and nowhere else: {@code OKTA_ORG_URL} is an https
 * origin (http only on loopback), and a Link header or a redirect pointing elsewhere is refused
 * before anything is sent there. The "attacker" is a second server on loopback that must see nothing.
 */
class OrgOriginTest {

    private static final String TOKEN = "00ORIGIN-test-token-0123456789";

    private static WireMockServer okta;
    private static WireMockServer attacker;

    private final MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");
    private OktaClient client;

    @BeforeAll
    static void startServers() {
        okta = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        attacker = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        okta.start();
        attacker.start();
    }

    @AfterAll
    static void stopServers() {
        okta.stop();
        attacker.stop();
    }

    @BeforeEach
    void resetServers() {
        okta.resetAll();
        attacker.resetAll();
        attacker.stubFor(get(anyUrl()).willReturn(okJson("[]")));
        client = new OktaClient(OktaClientSettings.defaults(URI.create("http://127.0.0.1:" + okta.port())),
                new StaticTokenCredentialSource(Secret.of(TOKEN)), OktaClient.defaultHttpClient(Duration.ofSeconds(2)),
                clock, clock::advance, new SplittableRandom(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://acme.okta.com@evil.example",
        "https://admin:pw@acme.okta.com",
        "http://127.0.0.1.nip.io:8080",
        "http://localhost.evil.example",
        "http://127.0.0.2.example",
        "https://acme.okta.com/oauth2/default",
        "https://acme.okta.com/?",
        "https://acme.okta.com/#",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "//acme.okta.com"})
    void orgUrlsThatAreNotAnHttpsOriginAreRefused(String url) {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> ProvisioningConfig.fromEnvironment(Map.of("OKTA_ORG_URL", url, "OKTA_SECRET_ID", "okta/provisioning")));

        assertThat(e).as(url).isNotNull();
        assertThat(e.getMessage()).contains("OKTA_ORG_URL").doesNotContain("pw");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080", "http://[::1]:8080", "http://localhost", "https://acme.okta.com:443"})
    void httpsOriginsAndLoopbackAreAccepted(String url) {
        ProvisioningConfig config = ProvisioningConfig.fromEnvironment(Map.of("OKTA_ORG_URL", url, "OKTA_SECRET_ID", "s"));

        assertThat(config.orgUrl().getPath()).isEmpty();
        assertThat(config.orgUrl().getRawUserInfo()).isNull();
    }

    private String foreign(String path) {
        return "http://127.0.0.1:" + attacker.port() + path;
    }

    @ParameterizedTest(name = "next link to {0}")
    @ValueSource(strings = {"another port", "another scheme", "user info", "relative"})
    void aNextLinkLeavingTheOrgIsRefusedAndNeverFollowed(String kind) {
        String self = "127.0.0.1:" + okta.port();
        String link = switch (kind) {
            case "another port" -> foreign("/api/v1/users/00u1/groups?after=x");
            case "another scheme" -> "https://" + self + "/api/v1/users/00u1/groups?after=x";
            case "user info" -> "http://" + TOKEN + "@" + self + "/api/v1/users/00u1/groups?after=x";
            default -> "/api/v1/users/00u1/groups?after=x";
        };
        okta.stubFor(get(urlPathEqualTo("/api/v1/users/00u1/groups")).willReturn(okJson("[]")
                .withHeader("Link", "<" + link + ">; rel=\"next\"")));

        Throwable e = catchThrowable(() -> client.listUserGroups("00u1", Deadline.none()));

        assertThat(e).isInstanceOf(UnexpectedOktaException.class).hasMessageContaining("outside the configured org");
        assertThat(e.getMessage()).doesNotContain(TOKEN);
        assertThat(okta.getAllServeEvents()).hasSize(1);
        assertThat(attacker.getAllServeEvents()).isEmpty();
    }

    @Test
    void aRedirectIsNotFollowed() {
        okta.stubFor(get(urlPathEqualTo("/api/v1/users")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", foreign("/api/v1/users"))));

        Throwable e = catchThrowable(() -> client.listUsers(UserQuery.all(), Deadline.none()));

        assertThat(e).isInstanceOf(UnexpectedOktaException.class).hasMessageContaining("302");
        assertThat(attacker.getAllServeEvents()).isEmpty();
    }
}
