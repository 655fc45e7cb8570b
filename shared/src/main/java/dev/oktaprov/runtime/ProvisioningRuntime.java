package dev.oktaprov.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.aws.AwsClientEnvironment;
import dev.oktaprov.aws.SecretsManagerClients;
import dev.oktaprov.credentials.OAuthCredentialSource;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.credentials.SecretsManagerCredentialSource;
import dev.oktaprov.credentials.StaticTokenCredentialSource;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.okta.BackgroundHttpClient;
import dev.oktaprov.okta.CredentialSource;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.okta.OktaJson;
import dev.oktaprov.provisioning.ProvisioningService;
import dev.oktaprov.ratelimit.RestoreSafeRandom;
import dev.oktaprov.time.Deadline;
import dev.oktaprov.time.Sleeper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Everything a function needs, built once per execution environment: configuration, HTTP client,
 * mapper, credential source, Okta client, provisioning service and metrics.
 *
 * <p>Building it reads and checks the configuration (a {@link dev.oktaprov.errors.ConfigurationException}
 * fails the init) but loads no credentials and calls nothing: the secret is fetched by the first
 * request, after any SnapStart restore.
 */
public final class ProvisioningRuntime {

    /** The OAuth scopes a service app asks for, overriding the secret's and the function's defaults. */
    public static final String OKTA_SCOPES = "OKTA_SCOPES";

    private final ProvisioningConfig config;
    private final CredentialSource credentials;
    private final OktaClient okta;
    private final ProvisioningService service;
    private final ProvisioningMetrics metrics;
    private final Clock clock;

    /** For tests and tools: every collaborator explicit. */
    public ProvisioningRuntime(ProvisioningConfig config, CredentialSource credentials, HttpClient http, Clock clock,
            Sleeper sleeper, RandomGenerator random, ProvisioningMetrics metrics) {
        this.config = Objects.requireNonNull(config, "config");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.okta = new OktaClient(config.clientSettings(), metrics.counting(credentials), http, clock, sleeper, random, metrics);
        this.service = new ProvisioningService(okta);
    }

    /** For Lambda: from the process environment. */
    public static ProvisioningRuntime fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * For Lambda: from the process environment, for a function whose OAuth scopes default to
     * {@code defaultScopes} (see {@link OAuthScopes}; {@code OKTA_SCOPES} overrides them).
     */
    public static ProvisioningRuntime fromEnvironment(List<String> defaultScopes) {
        return fromEnvironment(System.getenv(), defaultScopes);
    }

    /** From an explicit environment map (tests, the local runner), with the real clock and sleeper. */
    public static ProvisioningRuntime fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, OAuthScopes.ALL);
    }

    /** As {@link #fromEnvironment(Map)}, the OAuth scopes defaulting to {@code defaultScopes}. */
    public static ProvisioningRuntime fromEnvironment(Map<String, String> env, List<String> defaultScopes) {
        ProvisioningConfig config = ProvisioningConfig.fromEnvironment(env);
        Clock clock = Clock.systemUTC();
        HttpClient http = BackgroundHttpClient.start(() -> OktaClient.defaultHttpClient(Duration.ofSeconds(5)));
        return new ProvisioningRuntime(config, credentialSource(config, env, clock, http, defaultScopes),
                // Not a java.util.Random made here: this runs during init, and a SnapStart snapshot would
                // give every restored environment its seed. Thread-safe: every worker of a batch shares it.
                http, clock, Sleeper.REAL, new RestoreSafeRandom(), ProvisioningMetrics.fromEnvironment(env));
    }

    /** {@code OKTA_API_TOKEN} when given (local runs), else the Secrets Manager secret; nothing fetched yet. */
    public static CredentialSource credentialSource(ProvisioningConfig config, Map<String, String> env, Clock clock) {
        return credentialSource(config, env, clock, OktaClient.defaultHttpClient(Duration.ofSeconds(5)), OAuthScopes.ALL);
    }

    /**
     * As {@link #credentialSource(ProvisioningConfig, Map, Clock)}; a service-app secret gets its access
     * tokens through {@code http}, asking for the scopes in {@code OKTA_SCOPES}, else those the secret
     * names, else {@code defaultScopes}.
     */
    public static CredentialSource credentialSource(ProvisioningConfig config, Map<String, String> env, Clock clock,
            HttpClient http, List<String> defaultScopes) {
        if (config.apiToken().isPresent()) {
            return new StaticTokenCredentialSource(config.apiToken().get());
        }
        // Checked now, so a bad value fails the init rather than the first request.
        AwsClientEnvironment.callTimeouts(env);
        List<String> configuredScopes = scopesFromEnvironment(env);
        List<String> fallbackScopes = OAuthScopes.validated(defaultScopes);
        String secretId = config.secretId().orElseThrow();
        return new SecretsManagerCredentialSource(secretId, () -> SecretsManagerClients.fromEnvironment(env, http),
                config.secretCacheTtl(), clock,
                serviceApp -> new OAuthCredentialSource(config.orgUrl(), serviceApp.app(),
                        configuredScopes != null ? configuredScopes : serviceApp.scopes().orElse(fallbackScopes),
                        http, clock, config.requestTimeout()));
    }

    /** {@code OKTA_SCOPES}, spaces or commas between scopes; null when unset. */
    private static List<String> scopesFromEnvironment(Map<String, String> env) {
        String raw = env.get(OKTA_SCOPES);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return OAuthScopes.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid configuration: " + OKTA_SCOPES + " " + e.getMessage()
                    + ", e.g. \"okta.users.read okta.groups.read\"");
        }
    }

    /** The deadline for an invocation with {@code remaining} time left, minus the safety margin. */
    public Deadline deadline(Duration remaining) {
        Duration usable = remaining.minus(config.deadlineSafetyMargin());
        return Deadline.after(usable.isNegative() ? Duration.ZERO : usable, clock);
    }

    /** The deadline for a Lambda invocation: {@code context.getRemainingTimeInMillis()} minus the margin. */
    public Deadline deadline(long remainingMillis) {
        return deadline(Duration.ofMillis(remainingMillis));
    }

    public ProvisioningConfig config() {
        return config;
    }

    public CredentialSource credentials() {
        return credentials;
    }

    public OktaClient okta() {
        return okta;
    }

    public ProvisioningService service() {
        return service;
    }

    public ProvisioningMetrics metrics() {
        return metrics;
    }

    public ObjectMapper mapper() {
        return OktaJson.MAPPER;
    }

    public Clock clock() {
        return clock;
    }
}
