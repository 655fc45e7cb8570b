package dev.oktaprov.runtime;

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
 * Everything a function needs, built once per execution environment. Building it checks the
 * configuration (a {@link ConfigurationException} fails the init) but loads no credentials and
 * calls nothing: the secret is fetched by the first request, after any SnapStart restore.
 */
public final class ProvisioningRuntime {

    /** The OAuth scopes a service app asks for, overriding the secret's and the function's defaults. */
    public static final String OKTA_SCOPES = "OKTA_SCOPES";

    private final ProvisioningConfig config;
    private final CredentialSource credentials;
    private final HttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final ProvisioningMetrics metrics;
    private final OktaClient okta;
    private final ProvisioningService service;

    private ProvisioningRuntime(Builder built, ProvisioningConfig config, CredentialSource credentials, HttpClient http) {
        this.config = config;
        this.credentials = credentials;
        this.http = http;
        this.clock = built.clock;
        this.sleeper = built.sleeper;
        this.random = built.random;
        this.metrics = built.metrics != null ? built.metrics : ProvisioningMetrics.fromEnvironment(built.env);
        this.okta = new OktaClient(config.clientSettings(), metrics.counting(credentials), http, clock, sleeper, random, metrics);
        this.service = new ProvisioningService(okta);
    }

    /** The one way to wire a function: configured from {@code env}, the rest as Lambda runs it unless set. */
    public static Builder builder(Map<String, String> env) {
        return new Builder(env);
    }

    /** Collaborators of a runtime; unset, they are Lambda's. */
    public static final class Builder {
        private final Map<String, String> env;
        private List<String> defaultScopes = OAuthScopes.ALL;
        private CredentialSource credentials;
        private HttpClient http;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.REAL;
        // Not a java.util.Random made here: this runs during init, and a SnapStart snapshot would give
        // every restored environment its seed. Thread-safe: every worker of a batch shares it.
        private RandomGenerator random = new RestoreSafeRandom();
        private ProvisioningMetrics metrics;

        private Builder(Map<String, String> env) {
            this.env = Objects.requireNonNull(env, "env");
        }

        public Map<String, String> environment() {
            return env;
        }

        /** The scopes a service app asks for when neither {@code OKTA_SCOPES} nor the secret names them. */
        public Builder scopes(List<String> defaultScopes) {
            this.defaultScopes = Objects.requireNonNull(defaultScopes, "defaultScopes");
            return this;
        }

        public Builder credentials(CredentialSource credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** The client for Okta, and for a service app's token requests and the secret's reads. */
        public Builder http(HttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The retries' jitter; shared by every worker thread, so it must be thread-safe. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public Builder metrics(ProvisioningMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        public ProvisioningRuntime build() {
            ProvisioningConfig config = ProvisioningConfig.fromEnvironment(env);
            HttpClient client = http != null ? http
                    : BackgroundHttpClient.start(() -> OktaClient.defaultHttpClient(Duration.ofSeconds(5)));
            CredentialSource source = credentials != null ? credentials : credentialSource(config, client);
            return new ProvisioningRuntime(this, config, source, client);
        }

        /** {@code OKTA_API_TOKEN} when given (local runs), else the Secrets Manager secret; nothing fetched yet. */
        private CredentialSource credentialSource(ProvisioningConfig config, HttpClient client) {
            if (config.apiToken().isPresent()) {
                return new StaticTokenCredentialSource(config.apiToken().get());
            }
            // Checked now, so a bad value fails the init rather than the first request.
            AwsClientEnvironment.callTimeouts(env);
            List<String> configuredScopes = scopesFromEnvironment(env);
            List<String> fallbackScopes = OAuthScopes.validated(defaultScopes);
            String secretId = config.secretId().orElseThrow();
            return new SecretsManagerCredentialSource(secretId, () -> SecretsManagerClients.fromEnvironment(env, client),
                    config.secretCacheTtl(), clock,
                    serviceApp -> new OAuthCredentialSource(config.orgUrl(), serviceApp.app(),
                            configuredScopes != null ? configuredScopes : serviceApp.scopes().orElse(fallbackScopes),
                            client, clock, config.requestTimeout()));
        }
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

    /** The deadline for a Lambda invocation: {@code context.getRemainingTimeInMillis()} minus the safety margin. */
    public Deadline deadline(long remainingMillis) {
        Duration usable = Duration.ofMillis(remainingMillis).minus(config.deadlineSafetyMargin());
        return Deadline.after(usable.isNegative() ? Duration.ZERO : usable, clock);
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

    /** The client Okta is called with; other AWS calls of the function may share it. */
    public HttpClient http() {
        return http;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    public RandomGenerator random() {
        return random;
    }

    public Clock clock() {
        return clock;
    }
}
