package dev.oktaprov.runtime;

import dev.oktaprov.errors.OktaAccessDeniedException;
import dev.oktaprov.okta.CredentialSource;
import dev.oktaprov.okta.OktaListener;
import dev.oktaprov.provisioning.CreateOutcome;
import dev.oktaprov.time.Deadline;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The project's metrics, written as CloudWatch EMF through Powertools. Handlers call {@link #flush()}
 * in a {@code finally}. As an {@link OktaListener} it also counts Okta throttling, errors and
 * latency, and around the client's {@link CredentialSource} ({@link #counting}) Okta's refusals of
 * our credentials and the failures to get any.
 */
public final class ProvisioningMetrics implements OktaListener {

    public static final String DEFAULT_NAMESPACE = "OktaProvisioning";
    public static final String USERS_CREATED = "UsersCreated";
    public static final String USERS_ALREADY_EXISTED = "UsersAlreadyExisted";
    public static final String LOGIN_CONFLICTS = "LoginConflicts";
    public static final String INVALID_INPUT = "InvalidInput";
    public static final String OKTA_THROTTLED = "OktaThrottled";
    public static final String OKTA_ERRORS = "OktaErrors";
    public static final String OKTA_LATENCY = "OktaLatency";
    /** Okta refused our credentials (401) or their permissions (403), API or token endpoint: an operator must act. */
    public static final String OKTA_AUTHORIZATION_FAILURES = "OktaAuthorizationFailures";
    /** No credentials to send: the secret could not be read (Secrets Manager refused, unreachable) or used. */
    public static final String CREDENTIALS_UNAVAILABLE = "CredentialsUnavailable";

    private final Metrics metrics;
    // Per thread: the client calls its listener on the calling thread, so each invocation sees its own.
    private final ThreadLocal<String> lastOktaRequestId = new ThreadLocal<>();

    public ProvisioningMetrics(Metrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Outside Lambda the EMF library would probe for EC2 and ECS over the network to find where to
     * write: unless {@code AWS_EMF_ENVIRONMENT} says otherwise, it is told where it is (Lambda, or local stdout).
     */
    public static ProvisioningMetrics fromEnvironment(Map<String, String> env) {
        if (env.get("AWS_EMF_ENVIRONMENT") == null) {
            EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(
                    env.get("AWS_LAMBDA_FUNCTION_NAME") != null ? Environments.Lambda : Environments.Local);
        }
        Metrics metrics = MetricsFactory.getMetricsInstance();
        if (env.get("POWERTOOLS_METRICS_NAMESPACE") == null) {
            metrics.setNamespace(DEFAULT_NAMESPACE);
        }
        return new ProvisioningMetrics(metrics);
    }

    public void outcome(CreateOutcome outcome) {
        count(outcome == CreateOutcome.CREATED ? USERS_CREATED : USERS_ALREADY_EXISTED);
    }

    public void userCreated() {
        count(USERS_CREATED);
    }

    public void userAlreadyExisted() {
        count(USERS_ALREADY_EXISTED);
    }

    public void loginConflict() {
        count(LOGIN_CONFLICTS);
    }

    public void invalidInput() {
        count(INVALID_INPUT);
    }

    public void oktaThrottled() {
        count(OKTA_THROTTLED);
    }

    public void oktaAuthorizationFailure() {
        count(OKTA_AUTHORIZATION_FAILURES);
    }

    /** One EMF line; then it starts afresh. */
    public synchronized void flush() {
        metrics.flush();
    }

    public Metrics powertools() {
        return metrics;
    }

    /** The {@code X-Okta-Request-Id} of the last Okta answer on this thread: for an invocation's log line. */
    public Optional<String> lastOktaRequestId() {
        return Optional.ofNullable(lastOktaRequestId.get());
    }

    /** Forgets {@link #lastOktaRequestId()} on this thread, at the start of an invocation. */
    public void forgetOktaRequestId() {
        lastOktaRequestId.remove();
    }

    @Override
    public void onThrottleWait(String bucket, Duration wait) {
        oktaThrottled();
    }

    @Override
    public synchronized void onResponse(String method, String bucket, int status, Duration latency, String requestId) {
        if (requestId != null) {
            lastOktaRequestId.set(requestId);
        }
        metrics.addMetric(OKTA_LATENCY, latency.toNanos() / 1_000_000.0, MetricUnit.MILLISECONDS);
        if (status >= 500 || status == 401 || status == 403) {
            count(OKTA_ERRORS);
        }
        if (status == 401 || status == 403) {
            oktaAuthorizationFailure();
        }
    }

    /**
     * {@code source} as the Okta client should use it: a refusal by Okta's token endpoint (an OAuth
     * service app's key or scopes) never reaches {@link #onResponse}, so it is counted here, and so is
     * every other failure to produce credentials (the secret unreadable or unusable).
     */
    public CredentialSource counting(CredentialSource source) {
        return new CountingCredentialSource(source);
    }

    private synchronized void count(String name) {
        metrics.addMetric(name, 1, MetricUnit.COUNT);
    }

    private final class CountingCredentialSource implements CredentialSource {
        private final CredentialSource source;

        CountingCredentialSource(CredentialSource source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        @Override
        public String authorizationHeader(Deadline deadline) {
            return counted(() -> source.authorizationHeader(deadline));
        }

        @Override
        public Map<String, String> headers(String method, URI uri, Deadline deadline) {
            return counted(() -> source.headers(method, uri, deadline));
        }

        private <T> T counted(Supplier<T> credentials) {
            try {
                return credentials.get();
            } catch (OktaAccessDeniedException refused) {
                oktaAuthorizationFailure();
                throw refused;
            } catch (RuntimeException unavailable) {
                count(CREDENTIALS_UNAVAILABLE);
                throw unavailable;
            }
        }

        @Override
        public void invalidate(String rejectedHeader) {
            source.invalidate(rejectedHeader);
        }

        @Override
        public void invalidate() {
            source.invalidate();
        }

        @Override
        public void prime() {
            source.prime();
        }

        @Override
        public String toString() {
            return source.toString();
        }
    }
}
