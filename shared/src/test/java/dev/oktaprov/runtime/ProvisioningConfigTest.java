package dev.oktaprov.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.okta.commons.configcheck.ConfigurationValidator;
import dev.oktaprov.credentials.Secret;
import dev.oktaprov.errors.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProvisioningConfigTest {

    private static final String TOKEN = "00abcDEF-token-value";

    private static Map<String, String> env(String orgUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("OKTA_ORG_URL", orgUrl);
        env.put("OKTA_SECRET_ID", "okta/provisioning");
        return env;
    }

    private static ConfigurationException failure(Map<String, String> env) {
        return catchThrowableOfType(ConfigurationException.class, () -> ProvisioningConfig.fromEnvironment(env));
    }

    @Test
    void defaults() {
        ProvisioningConfig config = ProvisioningConfig.fromEnvironment(env("https://acme.okta.com/"));

        assertThat(config.orgUrl()).isEqualTo(URI.create("https://acme.okta.com"));
        assertThat(config.secretId()).contains("okta/provisioning");
        assertThat(config.apiToken()).isEmpty();
        assertThat(config.rateLimitSharePercent()).isEqualTo(100);
        assertThat(config.maxAttempts()).isEqualTo(5);
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.secretCacheTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.deadlineSafetyMargin()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void everySettingIsRead() {
        Map<String, String> env = env("https://login.example.com");
        env.put("OKTA_RATE_LIMIT_SHARE", "50%");
        env.put("OKTA_MAX_ATTEMPTS", "3");
        env.put("OKTA_REQUEST_TIMEOUT_MS", "2500");
        env.put("SECRET_CACHE_TTL_SECONDS", "60");
        env.put("DEADLINE_SAFETY_MARGIN_MS", "800");

        ProvisioningConfig config = ProvisioningConfig.fromEnvironment(env);

        assertThat(config.rateLimitSharePercent()).isEqualTo(50);
        assertThat(config.clientSettings().maxAttempts()).isEqualTo(3);
        assertThat(config.clientSettings().requestTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.secretCacheTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.deadlineSafetyMargin()).isEqualTo(Duration.ofMillis(800));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080", "http://localhost:9000/", "http://[::1]:8443", "HTTPS://Acme.Okta.com",
        "https://login-admin.example.com", "https://acme-admin-tools.okta.com"})
    void acceptedOrgUrls(String url) {
        assertThat(ProvisioningConfig.fromEnvironment(env(url)).orgUrl()).isNotNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://acme.okta.com|must use https://",
        "http://10.0.0.5|must use https://",
        "http://localhost.example.com|must use https://",
        "http://cafe:8080|must use https://",
        "http://[2001:db8::1]|must use https://",
        "ftp://acme.okta.com|must use https://",
        "https://acme.okta.com/api/v1|without a path",
        "https://acme.okta.com?x=1|must not have a query or fragment",
        "https://acme.okta.com#frag|must not have a query or fragment",
        "acme.okta.com|absolute URL with a host",
        "https://acme okta.com|not a valid URL",
        "https://acme-admin.okta.com|is the Admin Console's host; the API is at https://acme.okta.com",
        "https://Dev-123456-Admin.OktaPreview.com/|the API is at https://dev-123456.oktapreview.com",
        "https://acme-admin.okta-emea.com|the API is at https://acme.okta-emea.com",
        "https://agency-admin.okta.mil|the API is at https://agency.okta.mil"})
    void refusedOrgUrls(String url, String reason) {
        ConfigurationException e = failure(env(url));

        assertThat(e.getMessage()).contains("OKTA_ORG_URL").contains(reason);
        assertThat(e.code()).isEqualTo("CONFIGURATION");
    }

    /** Okta's own SDK refuses these too (okta-config-check: "should not contain -admin"). */
    @ParameterizedTest
    @ValueSource(strings = {"https://acme-admin.okta.com", "https://acme-admin.oktapreview.com", "https://acme-admin.okta-emea.com"})
    void adminConsoleHostsAreRefusedAsOktasSdkRefusesThem(String url) {
        assertThat(ConfigurationValidator.validateOrgUrl(url).isValid()).as("Okta's SDK").isFalse();
        assertThat(failure(env(url)).getMessage()).contains("is the Admin Console's host");
        String orgHost = url.replace("-admin", "");
        assertThat(ConfigurationValidator.validateOrgUrl(orgHost).isValid()).as("Okta's SDK").isTrue();
        assertThat(ProvisioningConfig.fromEnvironment(env(orgHost)).orgUrl()).hasToString(orgHost);
    }

    @Test
    void credentialsInTheOrgUrlAreRefusedWithoutBeingRepeated() {
        ConfigurationException e = failure(env("https://admin:hunter2@acme.okta.com"));

        assertThat(e.getMessage()).contains("must not contain user information").doesNotContain("hunter2", "admin");
    }

    @Test
    void missingOrgUrl() {
        Map<String, String> env = env("");
        assertThat(failure(env).getMessage()).contains("OKTA_ORG_URL is required");
    }

    @Test
    void needsExactlyOneCredentialSource() {
        Map<String, String> neither = env("https://acme.okta.com");
        neither.remove("OKTA_SECRET_ID");
        assertThat(failure(neither).getMessage()).contains("OKTA_SECRET_ID is required");

        Map<String, String> both = env("https://acme.okta.com");
        both.put("OKTA_API_TOKEN", TOKEN);
        assertThat(failure(both).getMessage()).contains("not both").doesNotContain(TOKEN);
    }

    @Test
    void localTokenIsUsedAndNeverPrinted() {
        Map<String, String> env = env("http://127.0.0.1:9999");
        env.remove("OKTA_SECRET_ID");
        env.put("OKTA_API_TOKEN", TOKEN);

        ProvisioningConfig config = ProvisioningConfig.fromEnvironment(env);

        assertThat(config.apiToken()).get().extracting(Secret::reveal).isEqualTo(TOKEN);
        assertThat(config.toString()).doesNotContain(TOKEN);
        assertThat(config.apiToken().get().toString()).doesNotContain(TOKEN);
    }

    @Test
    void tokenWithALineBreakIsRefusedWithoutBeingRepeated() {
        Map<String, String> env = env("https://acme.okta.com");
        env.remove("OKTA_SECRET_ID");
        env.put("OKTA_API_TOKEN", "abc\r\nX-Injected: " + TOKEN);

        assertThat(failure(env).getMessage()).contains("OKTA_API_TOKEN").doesNotContain(TOKEN);
    }

    /** The credential-character rule: refused by position, never quoted; surrounding whitespace is stripped first. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a zero-width space|\u200B|8",
        "a byte order mark|\uFEFF|1",
        "a curly quote|\u2019|8",
        "a Cyrillic o|\u043E|8",
        "a no-break space|\u00A0|8"})
    void aTokenWithACharacterATokenCannotHoldIsRefusedByPosition(String name, String oddity, int position) {
        String odd = oddity.equals("\uFEFF") ? oddity + TOKEN : TOKEN.substring(0, 7) + oddity + TOKEN.substring(7);
        Map<String, String> env = env("https://acme.okta.com");
        env.remove("OKTA_SECRET_ID");
        env.put("OKTA_API_TOKEN", odd);

        ConfigurationException e = failure(env);

        assertThat(e.getMessage()).contains("OKTA_API_TOKEN has a character a token cannot hold (position " + position + ")")
                .doesNotContain(TOKEN.substring(0, 7), TOKEN.substring(7), oddity);
        assertThat(e.getCause()).isNull();
    }

    @Test
    void aTrailingNewlineIsStrippedLikeAnySurroundingWhitespace() {
        Map<String, String> env = env("https://acme.okta.com");
        env.remove("OKTA_SECRET_ID");
        env.put("OKTA_API_TOKEN", TOKEN + "\n");

        assertThat(ProvisioningConfig.fromEnvironment(env).apiToken().orElseThrow().reveal()).isEqualTo(TOKEN);
    }

    @Test
    void awsCallTimeoutsAreCheckedAtInit() {
        Map<String, String> env = env("https://acme.okta.com");
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_API_CALL_TIMEOUT_MS", "forever");
        env.put("AWS_API_CALL_ATTEMPT_TIMEOUT_MS", "5");
        ProvisioningConfig config = ProvisioningConfig.fromEnvironment(env);

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> ProvisioningRuntime.builder(env).build());

        assertThat(e.getMessage()).contains("AWS_API_CALL_TIMEOUT_MS must be", "AWS_API_CALL_ATTEMPT_TIMEOUT_MS must be");
    }

    @Test
    void everyBadNumberIsReportedAtOnce() {
        Map<String, String> env = env("https://acme.okta.com");
        env.put("OKTA_RATE_LIMIT_SHARE", "0");
        env.put("OKTA_MAX_ATTEMPTS", "many");
        env.put("OKTA_REQUEST_TIMEOUT_MS", "-1");
        env.put("SECRET_CACHE_TTL_SECONDS", "999999");
        env.put("DEADLINE_SAFETY_MARGIN_MS", "1.5");

        assertThat(failure(env).getMessage()).contains(
                "OKTA_RATE_LIMIT_SHARE must be 1-100, was 0",
                "OKTA_MAX_ATTEMPTS must be a whole number 1-10",
                "OKTA_REQUEST_TIMEOUT_MS must be 100-900000, was -1",
                "SECRET_CACHE_TTL_SECONDS must be 1-86400, was 999999",
                "DEADLINE_SAFETY_MARGIN_MS must be a whole number");
    }
}
