package dev.oktaprov.getuser.security;

import static dev.oktaprov.testsupport.StreamInvocation.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.entrypoints.InvocationContext;
import dev.oktaprov.getuser.GetUserHandler;
import dev.oktaprov.runtime.ProvisioningConfig;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.LeakWatch;
import dev.oktaprov.testsupport.MotoServer;
import dev.oktaprov.testsupport.SecretsManagerAdmin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * AWS keys exported by hand for a local run, the session token copied from a wrapped terminal line: a line
 * break inside it. The JDK refuses such a header value with a message that quotes all of it; the token must
 * not reach a log line or an answer through that message. The secret cannot be read: a configuration
 * problem, and nothing is sent to Okta. The same for the container credentials endpoint's token.
 */
class GetUserAwsKeysLeakTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEPb//////////wEaCXVzLWVhc3QtMSJHMEUCIQDw"
            + "\nK7sessionTOKENsecondLINEafterTHEwrap0123456789abcdefABCDEF";

    @Test
    @SuppressWarnings("unchecked")
    void aSessionTokenWithALineBreakIsNeverQuoted() throws Exception {
        try (MotoServer moto = MotoServer.start(); OktaSimulator okta = OktaSimulator.start(SimulatorOptions.defaults());
                SecretsManagerClient admin = SecretsManagerAdmin.fromEnvironment(moto.environment())) {
            admin.createSecret(b -> b.name("okta/aws-keys").secretString("{\"apiToken\":\"" + okta.token() + "\"}"));
            Map<String, String> env = new HashMap<>(moto.environment());
            env.put("AWS_SESSION_TOKEN", SESSION_TOKEN);
            env.put(ProvisioningConfig.OKTA_ORG_URL, okta.baseUrl());
            env.put(ProvisioningConfig.OKTA_SECRET_ID, "okta/aws-keys");
            GetUserHandler handler = new GetUserHandler(ProvisioningRuntime.builder(env).scopes(OAuthScopes.READ_USERS).build());
            Map<String, Object> event = EventLoader.loadEvent("../../events/apigw-get-user.json", Map.class);

            try (LeakWatch watch = LeakWatch.start()) {
                Map<String, Object> answer = invoke(handler, event, InvocationContext.of("get-user"));
                watch.response("GET /users/{id+}", JSON.writeValueAsString(answer));

                assertThat(answer.get("statusCode")).isEqualTo(500);
                assertThat(JSON.readTree((String) answer.get("body")).get("code").asText()).isEqualTo("CONFIGURATION");
                assertThat(okta.counters().totalRequests()).isZero();
                for (String line : SESSION_TOKEN.split("\n")) {
                    watch.secret("AWS session token", line);
                }
                watch.assertNoLeaks();
                assertThat(watch.logLines(org.apache.logging.log4j.Level.ERROR)).as("the log says what to look for")
                        .anyMatch(line -> line.text().contains("line break or an invisible character pasted with AWS_SESSION_TOKEN"));
            }
        }
    }

    /**
     * The same token arriving as the container credentials endpoint's authorization token (SnapStart, containers,
     * a local run that exports it by hand), from the variable or from its file.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aContainerAuthorizationTokenWithALineBreakIsNeverQuoted(@TempDir Path dir) throws Exception {
        try (MotoServer moto = MotoServer.start(); OktaSimulator okta = OktaSimulator.start(SimulatorOptions.defaults())) {
            Path tokenFile = dir.resolve("container-token");
            Files.writeString(tokenFile, SESSION_TOKEN + "\n");
            Map<String, Object> event = EventLoader.loadEvent("../../events/apigw-get-user.json", Map.class);
            for (Map.Entry<String, String> token : Map.of("AWS_CONTAINER_AUTHORIZATION_TOKEN", SESSION_TOKEN,
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokenFile.toString()).entrySet()) {
                Map<String, String> env = new HashMap<>(moto.environment());
                env.remove("AWS_ACCESS_KEY_ID");
                env.remove("AWS_SECRET_ACCESS_KEY");
                // Never asked: the token is refused before the request is sent.
                env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/credentials");
                env.put(token.getKey(), token.getValue());
                env.put(ProvisioningConfig.OKTA_ORG_URL, okta.baseUrl());
                env.put(ProvisioningConfig.OKTA_SECRET_ID, "okta/container-token");
                GetUserHandler handler = new GetUserHandler(ProvisioningRuntime.builder(env).scopes(OAuthScopes.READ_USERS).build());

                try (LeakWatch watch = LeakWatch.start()) {
                    Map<String, Object> answer = invoke(handler, event, InvocationContext.of("get-user"));
                    watch.response("GET /users/{id+}", JSON.writeValueAsString(answer));

                    assertThat(answer.get("statusCode")).as(token.getKey()).isEqualTo(500);
                    assertThat(JSON.readTree((String) answer.get("body")).get("code").asText()).isEqualTo("CONFIGURATION");
                    for (String line : SESSION_TOKEN.split("\n")) {
                        watch.secret("container authorization token", line);
                    }
                    watch.assertNoLeaks();
                    assertThat(watch.logLines(org.apache.logging.log4j.Level.ERROR)).as("the log names the variable")
                            .anyMatch(line -> line.text().contains(token.getKey()) && line.text().contains("holds a character an HTTP header"
                                    + " cannot carry: look for a line break"));
                }
            }
            assertThat(okta.counters().totalRequests()).isZero();
        }
    }
}
