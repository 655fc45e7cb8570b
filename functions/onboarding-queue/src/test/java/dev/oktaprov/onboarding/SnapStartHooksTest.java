package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.oktaprov.credentials.OAuthCredentialSource;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.credentials.ServiceAppCredentials;
import dev.oktaprov.credentials.SigningKey;
import dev.oktaprov.entrypoints.InvocationContext;
import dev.oktaprov.local.sqs.QueuePair;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.SqsInvocation;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SnapStart's hooks on the onboarding function: priming builds the SQS client into the snapshot, a
 * restore never trusts an access token fetched before it, and a misconfigured function takes both
 * hooks quietly (its batches report the problem).
 */
class SnapStartHooksTest {

    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();
    private static final AtomicInteger QUEUE_NUMBER = new AtomicInteger();

    @Test
    void primingBuildsTheSqsClientBeforeTheSnapshotAndARestoredFunctionFetchesANewAccessToken() throws Exception {
        try (OktaSimulator okta = OktaSimulator.start(SimulatorOptions.defaults())) {
            QueuePair queue = SQS.sqs().createQueueWithDlq("snapstart-" + QUEUE_NUMBER.incrementAndGet(), 5,
                    Duration.ofSeconds(30), false);
            Map<String, String> env = SQS.functionEnvironment(okta.baseUrl(), queue.dlqUrl());
            env.put("OKTA_API_TOKEN", "unused");
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair key = generator.generateKeyPair();
            okta.oauth().register("0oaSNAPSTART", "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n",
                    "key-1", OAuthScopes.CREATE_USERS);
            OAuthCredentialSource oauth = new OAuthCredentialSource(URI.create(okta.baseUrl()),
                    new ServiceAppCredentials("0oaSNAPSTART", SigningKey.of(key.getPrivate()), "key-1"), OAuthScopes.CREATE_USERS,
                    OktaClient.defaultHttpClient(Duration.ofSeconds(2)), Clock.systemUTC(), Duration.ofSeconds(5));
            AtomicInteger sqsClientsBuilt = new AtomicInteger();
            OnboardingQueueHandler handler = new OnboardingQueueHandler(OnboardingRuntime.of(
                    ProvisioningRuntime.builder(env).credentials(oauth), () -> {
                        sqsClientsBuilt.incrementAndGet();
                        return SQS.calls();
                    }));

            handler.beforeCheckpoint(null);
            assertThat(sqsClientsBuilt.get()).as("built into the snapshot").isEqualTo(1);
            assertThat(okta.oauth().tokenRequests()).as("priming talks to nobody").isZero();

            assertThat(batch(handler, queue, "ann.snap@example.com").getBatchItemFailures()).isEmpty();
            assertThat(okta.oauth().tokenRequests()).isEqualTo(1);
            handler.afterRestore(null);
            assertThat(batch(handler, queue, "bob.snap@example.com").getBatchItemFailures()).isEmpty();

            assertThat(okta.oauth().tokenRequests()).as("the token from before the restore not reused").isEqualTo(2);
            assertThat(okta.userCount()).isEqualTo(2);
            assertThat(sqsClientsBuilt.get()).isEqualTo(1);
        }
    }

    @Test
    void aMisconfiguredFunctionTakesBothHooksQuietly() {
        OnboardingQueueHandler handler = new OnboardingQueueHandler(Map.of("OKTA_ORG_URL", "https://example.okta.com"));

        try (CapturedLogs logs = new CapturedLogs()) {
            handler.beforeCheckpoint(null);
            handler.afterRestore(null);

            assertThat(logs.lines()).as("nothing to prime, so no priming that failed").isEmpty();
        }
    }

    private static SQSBatchResponse batch(OnboardingQueueHandler handler, QueuePair queue, String login) {
        SQSEvent event = QueueBatches.sentAndReceived(SQS.sqs(), queue, List.of(Hires.hire(login, "Snap", "Start")));
        return SqsInvocation.invoke(handler, event,
                InvocationContext.start("onboarding", Duration.ofSeconds(30), Clock.systemUTC(), line -> { }));
    }
}
