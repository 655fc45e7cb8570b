package dev.oktaprov.runtime;

import dev.oktaprov.credentials.Secret;
import dev.oktaprov.credentials.SecretsManagerCredentialSource;
import dev.oktaprov.credentials.StaticTokenCredentialSource;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.okta.OktaJson;
import dev.oktaprov.okta.model.User;
import dev.oktaprov.provisioning.CreateOutcome;
import dev.oktaprov.provisioning.UserWithGroups;
import dev.oktaprov.time.Deadline;
import dev.oktaprov.testing.OktaBodies;
import dev.oktaprov.testsupport.MutableClock;
import dev.oktaprov.entrypoints.InvocationContext;
import dev.oktaprov.testing.WireMockOkta;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The runtime as a handler uses it: built from an environment map, logging and metrics included. */
class ProvisioningRuntimeTest {

    private WireMockOkta okta;

    @BeforeEach
    void start() {
        okta = new WireMockOkta();
    }

    @AfterEach
    void stop() {
        okta.close();
    }

    private Map<String, String> localEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("OKTA_ORG_URL", okta.orgUrl().toString());
        env.put("OKTA_API_TOKEN", WireMockOkta.TOKEN);
        return env;
    }

    @Test
    void handlerLikePathWithLoggingAndMetrics() {
        okta.server.stubFor(get(urlEqualTo("/api/v1/users/00u1")).willReturn(okJson(OktaBodies.user("00u1", "jane.doe@example.com"))
                .withHeader("X-Okta-Request-Id", "req-1")));
        okta.server.stubFor(get(urlEqualTo("/api/v1/users/00u1/groups")).willReturn(okJson("[" + OktaBodies.group("00g1", "Everyone") + "]")));
        ProvisioningRuntime runtime = ProvisioningRuntime.builder(localEnv()).build();
        Context context = InvocationContext.of("get-user").withRemainingMillis(30_000);
        Map<String, String> seenInside = new HashMap<>();

        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        UserWithGroups found;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            found = LambdaLogging.withLogging(context, "corr-42", () -> {
                seenInside.put("request", MDC.get("function_request_id"));
                seenInside.put("correlation", MDC.get(LambdaLogging.CORRELATION_ID));
                LoggerFactory.getLogger("handler").info("getting user {}", Masking.maskLogin("jane.doe@example.com"));
                try {
                    UserWithGroups result = runtime.service().get("00u1", runtime.deadline(context.getRemainingTimeInMillis()));
                    runtime.metrics().outcome(CreateOutcome.CREATED);
                    return result;
                } finally {
                    runtime.metrics().flush();
                }
            });
        } finally {
            System.setOut(original);
        }

        assertThat(found.user().id()).isEqualTo("00u1");
        assertThat(found.groups()).hasSize(1);
        assertThat(seenInside).containsEntry("request", context.getAwsRequestId()).containsEntry("correlation", "corr-42");
        assertThat(MDC.get(LambdaLogging.CORRELATION_ID)).isNull();
        String emf = captured.toString(StandardCharsets.UTF_8);
        assertThat(emf).contains("\"OktaProvisioning\"", "\"UsersCreated\"", "\"OktaLatency\"");
        assertThat(emf).doesNotContain(WireMockOkta.TOKEN);
        assertThat(okta.requests().get(0).getHeader("Authorization")).isEqualTo("SSWS " + WireMockOkta.TOKEN);
    }

    @Test
    void deadlineLeavesTheSafetyMargin() {
        Map<String, String> env = localEnv();
        env.put("DEADLINE_SAFETY_MARGIN_MS", "2000");
        MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");
        ProvisioningRuntime runtime = ProvisioningRuntime.builder(env)
                .credentials(new StaticTokenCredentialSource(Secret.of(WireMockOkta.TOKEN)))
                .http(OktaClient.defaultHttpClient(Duration.ofSeconds(2))).clock(clock).sleeper(clock::advance)
                .random(new SplittableRandom(1)).build();

        Deadline deadline = runtime.deadline(10_000);

        assertThat(deadline.remaining(clock)).isEqualTo(Duration.ofSeconds(8));
        assertThat(runtime.deadline(500).remaining(runtime.clock())).isZero();
    }

    @Test
    void buildingLoadsNoCredentials() {
        Map<String, String> env = new HashMap<>();
        env.put("OKTA_ORG_URL", okta.orgUrl().toString());
        env.put("OKTA_SECRET_ID", "okta/provisioning");
        // No AWS region or endpoint: building must not need them, only the first request does.

        ProvisioningRuntime runtime = ProvisioningRuntime.builder(env).build();

        assertThat(runtime.credentials()).isInstanceOf(SecretsManagerCredentialSource.class);
        assertThatThrownBy(() -> runtime.okta().getUser("00u1", Deadline.none()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("AWS_REGION");
        assertThat(okta.requests()).isEmpty();
    }

    @Test
    void badConfigurationFailsTheInit() {
        Map<String, String> env = localEnv();
        env.put("OKTA_ORG_URL", "http://okta.example.com");

        assertThatThrownBy(() -> ProvisioningRuntime.builder(env).build()).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void theMapperWritesUsersWithIsoTimestampsAndTheWholeProfile() throws Exception {
        okta.server.stubFor(get(urlEqualTo("/api/v1/users/00u1")).willReturn(okJson(OktaBodies.user("00u1", "jane.doe@example.com"))));
        ProvisioningRuntime runtime = ProvisioningRuntime.builder(localEnv()).build();
        User user = runtime.okta().getUser("00u1", Deadline.none());

        String json = OktaJson.MAPPER.writeValueAsString(user);

        assertThat(json).contains("\"created\":\"2026-01-05T09:59:58Z\"", "\"profile\":{\"firstName\":\"Jane\"",
                "\"mobilePhone\":null");
        assertThat(OktaJson.MAPPER.readValue(json, User.class)).isEqualTo(user);
    }
}
