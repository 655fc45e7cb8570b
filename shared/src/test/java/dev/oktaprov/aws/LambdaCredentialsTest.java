package dev.oktaprov.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.oktaprov.credentials.SecretsManagerCredentialSource;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.errors.SecretsUnavailableException;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.testsupport.MotoServer;
import dev.oktaprov.testsupport.MutableClock;
import dev.oktaprov.testsupport.SecretsManagerAdmin;
import dev.oktaprov.time.Deadline;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The role's keys where Lambda puts them: the environment, or (SnapStart) the container credentials
 * endpoint, here a loopback server answering as Lambda's does, with a Secrets Manager (moto_server)
 * read at the end.
 */
class LambdaCredentialsTest {

    private static final HttpClient HTTP = OktaClient.defaultHttpClient(Duration.ofSeconds(2));

    private final MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer endpoint;
    private int status = 200;

    @BeforeEach
    void startEndpoint() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        endpoint.createContext("/2021-04-23/credentials", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = ("{\"AccessKeyId\":\"ASIA" + authorizations.size() + "\",\"SecretAccessKey\":\"secret-key\","
                    + "\"Token\":\"session-token\",\"Expiration\":\"" + clock.instant().plus(Duration.ofHours(1)) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.stop(0);
    }

    private String endpointUri() {
        return "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/2021-04-23/credentials";
    }

    @Test
    void keysInTheEnvironmentAreUsedAsTheyAre() {
        LambdaCredentials credentials = LambdaCredentials.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "AKID",
                "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token",
                LambdaCredentials.FULL_URI, endpointUri()), HTTP, clock);

        assertThat(credentials.get(Duration.ofSeconds(1))).isEqualTo(AwsCredentials.of("AKID", "secret", "token"));
        assertThat(authorizations).as("the endpoint is not asked when the environment has keys").isEmpty();
    }

    @Test
    void theContainerEndpointIsAskedWithItsTokenAndItsKeysKeptUntilFiveMinutesBeforeTheyExpire() {
        LambdaCredentials credentials = LambdaCredentials.fromEnvironment(Map.of(LambdaCredentials.FULL_URI, endpointUri(),
                LambdaCredentials.TOKEN, "container-token"), HTTP, clock);

        AwsCredentials first = credentials.get(Duration.ofSeconds(1));
        clock.advance(Duration.ofMinutes(54));
        AwsCredentials cached = credentials.get(Duration.ofSeconds(1));
        clock.advance(Duration.ofMinutes(2));
        AwsCredentials renewed = credentials.get(Duration.ofSeconds(1));

        assertThat(first.accessKeyId()).isEqualTo("ASIA1");
        assertThat(first.sessionToken()).isEqualTo("session-token");
        assertThat(cached).isSameAs(first);
        assertThat(renewed.accessKeyId()).isEqualTo("ASIA2");
        assertThat(authorizations).containsExactly("container-token", "container-token");
    }

    @Test
    void theTokenFileIsReadForEachFetch(@TempDir Path dir) throws IOException {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "from-file-1\n");
        LambdaCredentials credentials = LambdaCredentials.fromEnvironment(Map.of(LambdaCredentials.FULL_URI, endpointUri(),
                LambdaCredentials.TOKEN_FILE, tokenFile.toString(), LambdaCredentials.TOKEN, "ignored"), HTTP, clock);

        credentials.get(Duration.ofSeconds(1));
        Files.writeString(tokenFile, "from-file-2");
        clock.advance(Duration.ofMinutes(56));
        credentials.get(Duration.ofSeconds(1));

        assertThat(authorizations).containsExactly("from-file-1", "from-file-2");
    }

    @Test
    void plainHttpToAnAddressThatIsNeitherLoopbackNorAwsContainerEndpointsIsRefusedUnasked() {
        LambdaCredentials credentials = LambdaCredentials.fromEnvironment(Map.of(LambdaCredentials.FULL_URI,
                "http://169.254.170.99/credentials"), HTTP, clock);

        AwsCallException e = catchThrowableOfType(AwsCallException.class, () -> credentials.get(Duration.ofSeconds(1)));

        assertThat(e.kind()).isEqualTo(AwsCallException.Kind.NO_CREDENTIALS);
    }

    @Test
    void aSecretIsReadWithTheContainerEndpointsKeys() {
        try (MotoServer moto = MotoServer.start(); SecretsManagerClient admin = SecretsManagerAdmin.fromEnvironment(moto.environment())) {
            String secretId = "okta/provisioning/" + UUID.randomUUID();
            admin.createSecret(b -> b.name(secretId).secretString("{\"apiToken\":\"00from-container-keys\"}"));
            Map<String, String> env = snapStartEnvironment(moto);

            SecretsManagerCredentialSource source = new SecretsManagerCredentialSource(secretId,
                    () -> SecretsManagerClients.fromEnvironment(env, HTTP, clock, clock::advance), Duration.ofMinutes(5), clock);

            assertThat(source.authorizationHeader(Deadline.none())).isEqualTo("SSWS 00from-container-keys");
            assertThat(authorizations).containsExactly("container-token");
        }
    }

    @Test
    void aFailingCredentialsEndpointIsTransientAndNoCredentialsAtAllIsAConfigurationError() {
        try (MotoServer moto = MotoServer.start()) {
            status = 500;
            Map<String, String> env = snapStartEnvironment(moto);
            SecretsManagerCredentialSource failing = new SecretsManagerCredentialSource("okta/any",
                    () -> SecretsManagerClients.fromEnvironment(env, HTTP, clock, clock::advance), Duration.ofMinutes(5), clock);
            Map<String, String> none = new HashMap<>(env);
            none.remove(LambdaCredentials.FULL_URI);
            SecretsManagerCredentialSource keyless = new SecretsManagerCredentialSource("okta/any",
                    () -> SecretsManagerClients.fromEnvironment(none, HTTP, clock, clock::advance), Duration.ofMinutes(5), clock);

            SecretsUnavailableException unavailable = catchThrowableOfType(SecretsUnavailableException.class,
                    () -> failing.authorizationHeader(Deadline.none()));
            ConfigurationException configuration = catchThrowableOfType(ConfigurationException.class,
                    () -> keyless.authorizationHeader(Deadline.none()));

            assertThat(unavailable.getMessage()).contains("credentials endpoint answered HTTP 500").doesNotContain("secret-key");
            assertThat(authorizations).as("asked again like any transient failure, within the attempts").hasSize(3);
            assertThat(configuration.getMessage()).isEqualTo("No AWS credentials were found to read the secret named by OKTA_SECRET_ID");
        }
    }

    /** As Lambda sets it up for a SnapStart function: no keys in the environment, an endpoint and its token. */
    private Map<String, String> snapStartEnvironment(MotoServer moto) {
        Map<String, String> env = new HashMap<>(moto.environment());
        env.remove("AWS_ACCESS_KEY_ID");
        env.remove("AWS_SECRET_ACCESS_KEY");
        env.put(LambdaCredentials.FULL_URI, endpointUri());
        env.put(LambdaCredentials.TOKEN, "container-token");
        return env;
    }
}
