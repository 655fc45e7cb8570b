package dev.oktaprov.bench.peer;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.okta.sdk.authc.credentials.TokenClientCredentials;
import com.okta.sdk.cache.Caches;
import com.okta.sdk.client.Clients;
import com.okta.sdk.resource.client.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.parameters.secrets.SecretsProvider;

/**
 * What a peer function holds per execution environment, written the way the SDK's and Powertools'
 * documentation suggest: Okta's {@link ApiClient} built on the first request from a token read
 * through Powertools' {@link SecretsProvider} (or {@code OKTA_API_TOKEN}), Powertools logging and
 * EMF metrics. Same configuration variables as our functions, so one environment drives both.
 */
final class PeerRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(PeerRuntime.class);

    final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final Metrics metrics;
    private final Map<String, String> env = System.getenv();
    private ApiClient client;

    PeerRuntime() {
        if (env.get("AWS_EMF_ENVIRONMENT") == null) {
            EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(
                    env.get("AWS_LAMBDA_FUNCTION_NAME") != null ? Environments.Lambda : Environments.Local);
        }
        metrics = MetricsFactory.getMetricsInstance();
        if (env.get("POWERTOOLS_METRICS_NAMESPACE") == null) {
            metrics.setNamespace("OktaProvisioningPeer");
        }
    }

    synchronized ApiClient okta() {
        if (client == null) {
            String orgUrl = env.get("OKTA_ORG_URL");
            if (orgUrl.startsWith("http://127.0.0.1") || orgUrl.startsWith("http://localhost")) {
                // The SDK refuses http:// unless this testing switch is on; loopback simulator only.
                System.setProperty("okta.testing.disableHttpsCheck", "true");
            }
            client = Clients.builder()
                    .setOrgUrl(orgUrl)
                    .setClientCredentials(new TokenClientCredentials(token()))
                    .setCacheManager(Caches.newDisabledCacheManager())
                    .build();
        }
        return client;
    }

    private String token() {
        String token = env.get("OKTA_API_TOKEN");
        if (token != null && !token.isBlank()) {
            return token;
        }
        SecretsProvider secrets = SecretsProvider.builder().withClient(secretsManager()).build();
        try {
            JsonNode secret = json.readTree(secrets.get(env.get("OKTA_SECRET_ID")));
            return secret.path("apiToken").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("the Okta secret is not JSON", e);
        }
    }

    private SecretsManagerClient secretsManager() {
        var builder = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(env.getOrDefault("AWS_REGION", "us-east-1")));
        if (env.get("AWS_ACCESS_KEY_ID") != null) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"))));
        }
        String endpoint = env.get("AWS_ENDPOINT_URL");
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    /** Logs one line with the answer's status and flushes the metrics, as our functions do. */
    Map<String, Object> invocation(Context context, String metric, Supplier<Map<String, Object>> work) {
        return PowertoolsLogging.withLogging(context, () -> {
            Map<String, Object> answer = work.get();
            Object status = answer.get("statusCode");
            MDC.put("http_status", String.valueOf(status));
            try {
                LOG.info("Invocation answered");
            } finally {
                MDC.remove("http_status");
            }
            metrics.addMetric(metric, 1, MetricUnit.COUNT);
            metrics.flush();
            return answer;
        });
    }
}
