package dev.oktaprov.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.okta.CredentialSource;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.provisioning.ProvisioningService;
import dev.oktaprov.ratelimit.Deadline;
import dev.oktaprov.ratelimit.Sleeper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
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
        this.okta = new OktaClient(config.clientSettings(), credentials, http, clock, sleeper, random, metrics);
        this.service = new ProvisioningService(okta);
    }

    /** For Lambda: from the process environment. */
    public static ProvisioningRuntime fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** From an explicit environment map (tests, the local runner), with the real clock and sleeper. */
    public static ProvisioningRuntime fromEnvironment(Map<String, String> env) {
        ProvisioningConfig config = ProvisioningConfig.fromEnvironment(env);
        Clock clock = Clock.systemUTC();
        return new ProvisioningRuntime(config, credentialSource(config, env, clock),
                OktaClient.defaultHttpClient(Duration.ofSeconds(5)), clock, Sleeper.REAL,
                RandomGenerator.getDefault(), ProvisioningMetrics.fromEnvironment(env));
    }

    /** {@code OKTA_API_TOKEN} when given (local runs), else the Secrets Manager secret; nothing fetched yet. */
    public static CredentialSource credentialSource(ProvisioningConfig config, Map<String, String> env, Clock clock) {
        if (config.apiToken().isPresent()) {
            return new StaticTokenCredentialSource(config.apiToken().get());
        }
        String secretId = config.secretId().orElseThrow();
        return new SecretsManagerCredentialSource(secretId, () -> SecretsManagerClients.fromEnvironment(env),
                config.secretCacheTtl(), clock);
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
        return Json.mapper();
    }

    public Clock clock() {
        return clock;
    }
}
