package dev.oktaprov.simulator.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.model.UserGetSingleton;
import dev.oktaprov.simulator.Fault;
import dev.oktaprov.simulator.FaultPlan;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The SDK's own retries (Apache HttpClient's retry strategy as okta-sdk-java configures it): a 429
 * waited out by {@code x-rate-limit-reset - date}, a 503 retried after its back-off. The SDK sleeps
 * for real, which a two-second window keeps to about three seconds.
 */
class OktaSdkRetryTest {

    private static ApiClient sdk(OktaSimulator okta) {
        return SdkClients.apiToken(okta, builder -> builder.setRetryMaxAttempts(2).setRetryMaxElapsed(30));
    }

    @Test
    void aRateLimited429IsWaitedOutAndTheRetrySucceeds() throws ApiException {
        try (OktaSimulator okta = OktaSimulator.start(SimulatorOptions.defaults().withRateLimitWindow(Duration.ofSeconds(2)))) {
            SimulatedUser ada = okta.seedUsers(SeedUser.of("ada@example.com", "Ada", "Lovelace")).get(0);
            UserApi users = new UserApi(sdk(okta));
            // Warmed up on another bucket, so that the two calls below fall in one window even on a busy machine.
            users.listUsers(null, null, null, 1, null, null, null, null);
            okta.setLimit(RateLimitBucket.USER_GET, 1);

            UserGetSingleton first = users.getUser(ada.id(), null, null);
            UserGetSingleton afterTheWait = users.getUser(ada.id(), null, null);

            assertThat(first.getId()).isEqualTo(ada.id());
            assertThat(afterTheWait.getId()).isEqualTo(ada.id());
            assertThat(okta.counters().rateLimited(RateLimitBucket.USER_GET)).as("the SDK met one 429").isEqualTo(1);
            assertThat(okta.counters().requests(RateLimitBucket.USER_GET)).as("and sent the request again").isEqualTo(3);
        }
    }

    @Test
    void a503IsRetried() throws ApiException {
        try (OktaSimulator okta = OktaSimulator.start(SimulatorOptions.defaults()
                .withFaults(FaultPlan.none().withNext(Fault.ERROR_503)))) {
            SimulatedUser ada = okta.seedUsers(SeedUser.of("ada@example.com", "Ada", "Lovelace")).get(0);

            UserGetSingleton user = new UserApi(sdk(okta)).getUser(ada.id(), null, null);

            assertThat(user.getId()).isEqualTo(ada.id());
            assertThat(okta.counters().faults(Fault.ERROR_503)).isEqualTo(1);
            assertThat(okta.counters().requests(RateLimitBucket.USER_GET)).isEqualTo(2);
        }
    }
}
