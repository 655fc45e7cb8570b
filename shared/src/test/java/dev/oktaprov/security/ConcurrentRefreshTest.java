package dev.oktaprov.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.okta.CredentialSource;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.okta.model.UserQuery;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.MotoServer;
import dev.oktaprov.testsupport.RecordingHttpClient;
import dev.oktaprov.testsupport.SecretsManagerAdmin;
import dev.oktaprov.testsupport.TestKeys;
import dev.oktaprov.time.Deadline;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Eight workers sharing one client are refused at once with the same expired access token: between
 * them they read the secret once and ask the token endpoint once, not eight times each. The service
 * app's secret is in Secrets Manager (moto_server, behind a counting endpoint), the token endpoint is
 * the simulator's, and every worker's 401 is held until all eight have theirs, so each of them really
 * reports the same rejected token.
 */
class ConcurrentRefreshTest {

    private static final int WORKERS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void workersRefusedAtOnceRefreshTheCredentialOnce() throws Exception {
        KeyPair keys = TestKeys.rsa();
        CyclicBarrier allRefused = new CyclicBarrier(WORKERS);
        try (MotoServer moto = MotoServer.start();
                SecretsManagerClient admin = SecretsManagerAdmin.fromEnvironment(moto.environment());
                OktaSimulator okta = OktaSimulator.start(SimulatorOptions.defaults());
                CountingEndpoint secretsManager = CountingEndpoint.forwardingTo(moto.endpoint())) {
            okta.oauth().register("0oaWORKERS", TestKeys.publicPem(keys), "kid-1", OAuthScopes.ALL);
            admin.createSecret(b -> b.name("okta/workers").secretString(JSON.createObjectNode().put("clientId", "0oaWORKERS")
                    .put("keyId", "kid-1").put("privateKey", TestKeys.privatePem(keys)).toString()));
            Map<String, String> env = new HashMap<>(moto.environment());
            env.put("AWS_ENDPOINT_URL", secretsManager.uri().toString());
            env.put("OKTA_ORG_URL", okta.baseUrl());
            env.put("OKTA_SECRET_ID", "okta/workers");
            // The token and the secret come through a client of their own: api sees only the API calls.
            CredentialSource credentials = ProvisioningRuntime.builder(env).scopes(OAuthScopes.READ_USERS)
                    .http(OktaClient.defaultHttpClient(Duration.ofSeconds(5))).build().credentials();
            // Each worker's 401 waits for the other seven: all of them were sent with the same token.
            RecordingHttpClient api = new RecordingHttpClient(OktaClient.defaultHttpClient(Duration.ofSeconds(5)), response -> {
                if (response.statusCode() == 401) {
                    awaitAll(allRefused);
                }
            });
            OktaClient client = ProvisioningRuntime.builder(env).credentials(credentials).http(api)
                    .sleeper(wait -> { }).random(new SplittableRandom(5)).build().okta();

            client.listUsers(UserQuery.all(), Deadline.none());
            okta.oauth().revokeAll();
            int readsBefore = secretsManager.hits();
            long tokenRequestsBefore = okta.oauth().tokenRequests();

            ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
            try {
                List<Future<?>> calls = new ArrayList<>();
                for (int i = 0; i < WORKERS; i++) {
                    calls.add(workers.submit(() -> client.listUsers(UserQuery.all(), Deadline.none())));
                }
                for (Future<?> call : calls) {
                    call.get(30, TimeUnit.SECONDS);
                }
            } finally {
                workers.shutdownNow();
            }

            assertThat(api.sent()).as("the warm-up, eight refused, eight retried").hasSize(1 + 2 * WORKERS);
            assertThat(secretsManager.hits() - readsBefore).as("secret reads after the refusals").isEqualTo(1);
            assertThat(okta.oauth().tokenRequests() - tokenRequestsBefore).as("token requests after the refusals").isEqualTo(1);
        }
    }

    private static void awaitAll(CyclicBarrier barrier) {
        try {
            barrier.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("not every worker was refused", e);
        }
    }
}
