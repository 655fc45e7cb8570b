package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.entrypoints.InvocationContext;
import dev.oktaprov.local.sqs.LocalSqs;
import dev.oktaprov.local.sqs.QueuePair;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.LeakWatch;
import dev.oktaprov.testsupport.MotoServer;
import dev.oktaprov.testsupport.SecretsManagerAdmin;
import dev.oktaprov.testsupport.SqsInvocation;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A refusal of the deployment's credentials needs a person, not a DLQ: the batch stops at the first
 * refusal (no further Okta or token request), no message is dead-lettered, every message waits in
 * the queue as a delayed copy that never counts toward redrive, and the function counts
 * {@code OnboardingConfigurationFailures} for the alarm. Real queues (ElasticMQ), Secrets Manager
 * (moto_server) and Okta (the simulator, its token endpoint included).
 */
class CredentialRefusalTest {

    private static final String PASSWORD = "Ch4nge-Me-On-Day-One";
    private static final String WRONG_TOKEN = "00wrongTOKENwrongTOKENwrongTOKEN0123456";
    private static final AtomicInteger QUEUE_NUMBER = new AtomicInteger();

    @RegisterExtension
    static final ElasticMq ELASTIC_MQ = new ElasticMq();

    private static LocalSqs sqs;
    private static MotoServer moto;
    private static SecretsManagerClient secrets;

    private OktaSimulator okta;
    private QueuePair queue;

    @BeforeAll
    static void startSecretsManager() {
        sqs = ELASTIC_MQ.sqs();
        moto = MotoServer.start();
        secrets = SecretsManagerAdmin.fromEnvironment(moto.environment());
    }

    @AfterAll
    static void stopSecretsManager() {
        secrets.close();
        moto.close();
    }

    @BeforeEach
    void start() {
        okta = OktaSimulator.start(SimulatorOptions.defaults());
        queue = sqs.createQueueWithDlq("refused-" + QUEUE_NUMBER.incrementAndGet(), 5, Duration.ofSeconds(30), false);
    }

    @AfterEach
    void stop() {
        okta.close();
    }

    @Test
    void aTokenOktaRefusesHoldsTheWholeBatchAfterOneAttemptAndDeadLettersNothing() {
        Map<String, String> env = env();
        env.put("OKTA_API_TOKEN", WRONG_TOKEN);
        long oneMessage = oktaRequestsFor(env, 1);
        List<String> bodies = hires(10);

        SQSBatchResponse response;
        List<LeakWatch.Line> output;
        long before = okta.counters().totalRequests();
        try (LeakWatch watch = LeakWatch.start()) {
            response = invoke(env, QueueBatches.sentAndReceived(sqs, queue, bodies));
            watch.secret("refused token", WRONG_TOKEN).secret("password", PASSWORD);
            output = watch.lines();
            watch.assertNoLeaks();
        }

        assertThat(okta.counters().totalRequests() - before).as("Okta requests: the first message's only")
                .isEqualTo(oneMessage);
        assertHeld(response, bodies);
        assertThat(output).extracting(LeakWatch.Line::text)
                .anySatisfy(line -> assertThat(line).contains("\"OnboardingConfigurationFailures\":1", "\"OnboardingNotStarted\":9"))
                .anySatisfy(line -> assertThat(line).contains("OKTA_UNAUTHORIZED", "10 messages of this batch wait in the queue"));
    }

    @Test
    void aServiceAppWhoseKeyOktaDoesNotKnowCostsOneTokenRequestPerBatch() throws Exception {
        okta.oauth().register("0oaONBOARD", pem("PUBLIC KEY", keyPair().getPublic().getEncoded()), "key-1",
                OAuthScopes.CREATE_USERS);
        assertOneTokenRequestHoldsTheBatch(serviceApp("0oaONBOARD", "key-1", keyPair()), Map.of());
    }

    @Test
    void aServiceAppLackingTheScopeToCreateUsersHoldsTheBatch() throws Exception {
        KeyPair key = keyPair();
        okta.oauth().register("0oaONBOARD", pem("PUBLIC KEY", key.getPublic().getEncoded()), "key-1",
                List.of("okta.users.read"));
        assertOneTokenRequestHoldsTheBatch(serviceApp("0oaONBOARD", "key-1", key), Map.of());
    }

    @Test
    void aTokenWithoutThePermissionToCreateUsersHoldsTheBatchAfterOneOktaRequest() throws Exception {
        // Okta answers 403 E0000006 to a token that lacks okta.users.manage.
        KeyPair key = keyPair();
        okta.oauth().register("0oaONBOARD", pem("PUBLIC KEY", key.getPublic().getEncoded()), "key-1",
                OAuthScopes.CREATE_USERS);
        long before = okta.counters().totalRequests();

        assertOneTokenRequestHoldsTheBatch(serviceApp("0oaONBOARD", "key-1", key), Map.of("OKTA_SCOPES", "okta.users.read"));

        assertThat(okta.counters().totalRequests() - before).as("one create, refused").isEqualTo(1);
    }

    @Test
    void aHeldBacklogDrainsByItselfOnceThePersonFixesTheSecret() throws InterruptedException {
        String secretId = "okta/onboarding/" + UUID.randomUUID();
        secrets.createSecret(b -> b.name(secretId).secretString("{\"apiToken\":\"" + WRONG_TOKEN + "\"}"));
        try (OnboardingStack stack = new OnboardingStack(sqs, SimulatorOptions.defaults().withToken("test-token"), 5, false)) {
            stack.env.remove("OKTA_API_TOKEN");
            stack.env.put("OKTA_SECRET_ID", secretId);
            stack.env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", moto.endpoint().toString());
            CountDownLatch heldForAWhile = new CountDownLatch(1);
            stack.start(UnaryOperator.identity(), report -> {
                if (stack.reports.size() >= 8) {
                    heldForAWhile.countDown();
                }
            });
            List<String> hires = Hires.hires(0, 20);
            stack.send(hires);

            assertThat(heldForAWhile.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(stack.okta.userCount()).isZero();
            assertThat(sqs.approximateCount(stack.queue.dlqUrl())).isZero();
            secrets.putSecretValue(b -> b.secretId(secretId).secretString("{\"apiToken\":\"test-token\"}"));
            assertThat(stack.awaitDrained(Duration.ofSeconds(60))).isTrue();

            assertThat(stack.okta.userCount()).isEqualTo(20);
            assertThat(stack.deadLetters()).isEmpty();
            assertThat(stack.received).as("every delivery a first receive: holding never counts toward redrive")
                    .allSatisfy(message -> assertThat(message.getAttributes()).containsEntry("ApproximateReceiveCount", "1"));
        }
    }

    private void assertOneTokenRequestHoldsTheBatch(String secretText, Map<String, String> more) {
        String secretId = "okta/onboarding/" + UUID.randomUUID();
        secrets.createSecret(b -> b.name(secretId).secretString(secretText));
        Map<String, String> env = env();
        env.put("OKTA_SECRET_ID", secretId);
        env.putAll(more);
        List<String> bodies = hires(5);
        long before = okta.oauth().tokenRequests();

        SQSBatchResponse response = invoke(env, QueueBatches.sentAndReceived(sqs, queue, bodies));

        assertThat(okta.oauth().tokenRequests() - before).as("token requests").isEqualTo(1);
        assertHeld(response, bodies);
    }

    /** Nothing returned, nothing dead-lettered, every hire back on the queue as it was sent, password included. */
    private void assertHeld(SQSBatchResponse response, List<String> bodies) {
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(sqs.receiveAll(queue.dlqUrl())).isEmpty();
        List<Message> copies = sqs.receiveAll(queue.queueUrl());
        assertThat(copies).extracting(Message::body).containsExactlyInAnyOrderElementsOf(bodies);
        assertThat(copies).allSatisfy(copy -> {
            assertThat(copy.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "1");
            assertThat(copy.messageAttributes()).containsKey("originalMessageId").doesNotContainKey("throttleCount");
        });
    }

    /** Okta requests of a one-message batch with this environment, on a queue of its own. */
    private long oktaRequestsFor(Map<String, String> env, int messages) {
        QueuePair own = sqs.createQueueWithDlq("refused-" + QUEUE_NUMBER.incrementAndGet(), 5, Duration.ofSeconds(30), false);
        long before = okta.counters().totalRequests();
        invoke(env, QueueBatches.sentAndReceived(sqs, own, hires(messages)));
        return okta.counters().totalRequests() - before;
    }

    private Map<String, String> env() {
        Map<String, String> env = ELASTIC_MQ.functionEnvironment(okta.baseUrl(), queue.dlqUrl());
        env.put("OKTA_MAX_ATTEMPTS", "2");
        env.put("ONBOARDING_PARALLELISM", "1");
        // Held copies visible at once, so the test can read them back.
        env.put("ONBOARDING_THROTTLE_MAX_DELAY_SECONDS", "0");
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", moto.endpoint().toString());
        return env;
    }

    private static SQSBatchResponse invoke(Map<String, String> env, SQSEvent event) {
        return SqsInvocation.invoke(new OnboardingQueueHandler(env), event,
                InvocationContext.start("onboarding", Duration.ofSeconds(90), Clock.systemUTC(), line -> { }));
    }

    private static List<String> hires(int count) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String login = "held." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("firstName", "Held");
            body.put("lastName", "Hire");
            body.put("email", login);
            body.put("login", login);
            body.put("activate", true);
            body.put("password", PASSWORD);
            bodies.add(Hires.json(body));
        }
        return bodies;
    }

    private static String serviceApp(String clientId, String keyId, KeyPair key) {
        return Hires.json(new LinkedHashMap<>(Map.of("clientId", clientId, "keyId", keyId,
                "privateKey", pem("PRIVATE KEY", key.getPrivate().getEncoded()))));
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label + "-----\n";
    }
}
