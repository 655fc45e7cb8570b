package dev.oktaprov.credentials;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.oktaprov.aws.SecretsManagerClients;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.errors.SecretsUnavailableException;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.testsupport.MutableClock;
import dev.oktaprov.time.Deadline;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a function's caller and its operator learn when the Okta secret cannot be read: transient
 * (Secrets Manager not answering, retried later) or a configuration a person must fix, and which.
 * Secrets Manager is played by WireMock on loopback to pin each answer; moto_server judges the
 * real API in SecretsManagerCredentialSourceTest.
 */
class SecretReadFailuresTest {

    private final WireMockServer secretsManager = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");

    @AfterEach
    void stop() {
        secretsManager.stop();
    }

    private Map<String, String> environment(String endpoint) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", endpoint);
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        return env;
    }

    private Throwable readWith(Map<String, String> env, Deadline deadline) {
        SecretsManagerCredentialSource source = new SecretsManagerCredentialSource("okta/provisioning",
                () -> SecretsManagerClients.fromEnvironment(env, OktaClient.defaultHttpClient(Duration.ofSeconds(2)), clock,
                        clock::advance), Duration.ofMinutes(5), clock);
        return catchThrowable(() -> source.authorizationHeader(deadline));
    }

    private Throwable answered(ResponseDefinitionBuilder answer) {
        secretsManager.start();
        secretsManager.stubFor(post(anyUrl()).willReturn(answer));
        return readWith(environment(secretsManager.baseUrl()), Deadline.none());
    }

    private static ResponseDefinitionBuilder error(int status, String code) {
        ResponseDefinitionBuilder answer = aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1");
        return code.isEmpty() ? answer.withBody("{}") : answer.withBody("{\"__type\":\"" + code + "\",\"message\":\"m\"}");
    }

    @ParameterizedTest
    @CsvSource({
            "400, ResourceNotFoundException, The secret named by OKTA_SECRET_ID does not exist",
            "400, InvalidRequestException, The secret named by OKTA_SECRET_ID cannot be read (HTTP 400 InvalidRequestException): it is deleted",
            "400, InvalidParameterException, cannot be read (HTTP 400 InvalidParameterException)",
            "400, AccessDeniedException, Secrets Manager refused to read the secret named by OKTA_SECRET_ID (HTTP 400 AccessDeniedException): the function's role",
            "403, SomethingNew, (HTTP 403 SomethingNew): the function's role",
            "401, SomethingNew, (HTTP 401 SomethingNew): the function's role",
            "400, '', (HTTP 400): the function's role",
    })
    void aMissingOrDeniedSecretIsAConfigurationToFix(int status, String code, String message) {
        assertThat(answered(error(status, code))).isExactlyInstanceOf(ConfigurationException.class).hasMessageContaining(message);
    }

    @Test
    void anotherRefusalOfTheRequestIsNotBlamedOnTheRole() {
        assertThat(answered(error(400, "ValidationException"))).isExactlyInstanceOf(ConfigurationException.class)
                .hasMessage("Secrets Manager refused to read the secret named by OKTA_SECRET_ID (HTTP 400 ValidationException)");
    }

    @ParameterizedTest
    @CsvSource({"500, InternalServiceError, HTTP 500 InternalServiceError", "400, ThrottlingException, HTTP 400 ThrottlingException"})
    void anUnwellOrThrottlingSecretsManagerIsTransient(int status, String code, String answer) {
        assertThat(answered(error(status, code))).isExactlyInstanceOf(SecretsUnavailableException.class)
                .hasMessage("Secrets Manager is unavailable to read the secret named by OKTA_SECRET_ID (answered " + answer
                        + "); try again later");
    }

    @Test
    void aSecretThatIsNotCredentialsIsAConfigurationNamingNoValue() {
        Throwable failure = answered(okJson("{\"Name\":\"okta/provisioning\",\"SecretString\":\"{\\\"apiKey\\\":\\\"00x-secret\\\"}\"}"));

        assertThat(failure).isExactlyInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("The secret named by OKTA_SECRET_ID has no apiToken or clientId")
                .hasMessageNotContaining("00x-secret");
    }

    @Test
    void noTimeLeftAsksNothing() {
        secretsManager.start();

        Throwable failure = readWith(environment(secretsManager.baseUrl()), Deadline.at(Instant.parse("2026-01-05T09:59:59Z")));

        assertThat(failure).isExactlyInstanceOf(SecretsUnavailableException.class)
                .hasMessageContaining("(no time left before the deadline)");
        assertThat(secretsManager.getAllServeEvents()).isEmpty();
    }

    @Test
    void anEndpointNobodyListensOnIsTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThat(readWith(environment("http://127.0.0.1:" + closedPort), Deadline.none()))
                .isExactlyInstanceOf(SecretsUnavailableException.class).hasMessageContaining("could not be reached (");
    }

    @Test
    void noAwsCredentialsIsAConfigurationToFix() {
        secretsManager.start();
        Map<String, String> env = environment(secretsManager.baseUrl());
        env.remove("AWS_ACCESS_KEY_ID");
        env.remove("AWS_SECRET_ACCESS_KEY");

        assertThat(readWith(env, Deadline.none())).isExactlyInstanceOf(ConfigurationException.class)
                .hasMessage("No AWS credentials were found to read the secret named by OKTA_SECRET_ID");
        assertThat(secretsManager.getAllServeEvents()).isEmpty();
    }
}
