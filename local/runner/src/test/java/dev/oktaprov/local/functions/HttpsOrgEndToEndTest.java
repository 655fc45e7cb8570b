package dev.oktaprov.local.functions;

import static dev.oktaprov.testsupport.StreamInvocation.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.createuser.CreateUserHandler;
import dev.oktaprov.credentials.Secret;
import dev.oktaprov.credentials.StaticTokenCredentialSource;
import dev.oktaprov.getuser.GetUserHandler;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.runtime.ProvisioningConfig;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.entrypoints.InvocationContext;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The create and get functions against an {@code https://} org URL, as in production (the
 * loopback {@code http://} exception of local runs and the other tests does not apply): the
 * simulator serves TLS on a certificate made at its start, and the functions' HTTP client trusts
 * that certificate and no other.
 */
class HttpsOrgEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("../../events");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(String file) throws IOException {
        return JSON.readValue(EVENTS.resolve(file).toFile(), Map.class);
    }

    private static JsonNode body(Map<String, Object> response) throws IOException {
        return JSON.readTree((String) response.get("body"));
    }

    @Test
    void createThenGetOverHttps() throws IOException {
        try (OktaSimulator okta = OktaSimulator.start(SimulatorOptions.defaults().withTls(true))) {
            Map<String, String> env = Map.of(ProvisioningConfig.OKTA_ORG_URL, okta.baseUrl(),
                    ProvisioningConfig.OKTA_API_TOKEN, okta.token());
            List<Duration> waits = new CopyOnWriteArrayList<>();
            HttpClient trustingTheSimulator = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(2))
                    .sslContext(okta.tls().clientContext())
                    .build();
            ProvisioningRuntime runtime = ProvisioningRuntime.builder(env)
                    .credentials(new StaticTokenCredentialSource(Secret.of(okta.token()))).http(trustingTheSimulator)
                    .sleeper(waits::add).random(RandomGenerator.of("L64X128MixRandom")).build();
            Map<String, Object> create = event("apigw-create-user.json");
            // The sample's group id belongs to another org.
            create.put("body", create.get("body").toString().replace(",\"groupIds\":[\"00g1emaKYZTWRYYRRTSK\"]", ""));

            Map<String, Object> created = invoke(new CreateUserHandler(runtime), create, InvocationContext.of("create-user"));
            String id = body(created).path("id").asText();
            Map<String, Object> get = event("apigw-get-user.json");
            get.put("rawPath", "/users/" + id);
            get.put("pathParameters", new HashMap<>(Map.of("id", id)));
            Map<String, Object> read = invoke(new GetUserHandler(runtime), get, InvocationContext.of("get-user"));

            assertThat(okta.baseUrl()).startsWith("https://");
            assertThat(created.get("statusCode")).as(created.get("body").toString()).isEqualTo(201);
            assertThat(read.get("statusCode")).as(read.get("body").toString()).isEqualTo(200);
            assertThat(body(read).at("/profile/login").asText()).isEqualTo("isaac.brock@example.com");
            assertThat(body(read).path("groups")).extracting(group -> group.path("name").asText()).containsExactly("Everyone");
            assertThat(okta.findByLogin("isaac.brock@example.com")).isPresent();
            assertThat(okta.counters().usersCreated()).isEqualTo(1);
            assertThat(waits).as("no retry was needed").isEmpty();
        }
    }

    @Test
    void aClientWithTheJvmsDefaultTrustIsRefused() throws IOException {
        try (OktaSimulator okta = OktaSimulator.start(SimulatorOptions.defaults().withTls(true))) {
            Map<String, String> env = Map.of(ProvisioningConfig.OKTA_ORG_URL, okta.baseUrl(),
                    ProvisioningConfig.OKTA_API_TOKEN, okta.token(), ProvisioningConfig.OKTA_MAX_ATTEMPTS, "1");
            ProvisioningRuntime runtime = ProvisioningRuntime.builder(env)
                    .credentials(new StaticTokenCredentialSource(Secret.of(okta.token())))
                    .http(OktaClient.defaultHttpClient(Duration.ofSeconds(2))).sleeper(duration -> { })
                    .random(RandomGenerator.of("L64X128MixRandom")).build();

            Map<String, Object> answer = invoke(new CreateUserHandler(runtime), event("apigw-create-user.json"),
                    InvocationContext.of("create-user"));

            assertThat((int) answer.get("statusCode")).isGreaterThanOrEqualTo(500);
            assertThat(okta.userCount()).as("nothing reached the simulator's API").isZero();
            assertThat(okta.counters().totalRequests()).isZero();
        }
    }
}
