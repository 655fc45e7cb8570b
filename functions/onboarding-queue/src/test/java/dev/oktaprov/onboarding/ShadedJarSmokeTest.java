package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.oktaprov.local.sqs.EventSourceMapping;
import dev.oktaprov.local.sqs.EventSourceMappingSettings;
import dev.oktaprov.local.sqs.InvocationOutcome;
import dev.oktaprov.local.sqs.InvocationReport;
import dev.oktaprov.local.sqs.LocalSqs;
import dev.oktaprov.local.sqs.QueuePair;
import dev.oktaprov.simulator.Fault;
import dev.oktaprov.simulator.FaultPlan;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.MotoServer;
import dev.oktaprov.testsupport.SqsInvocation;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.oktaprov.entrypoints.InvocationContext;
import java.io.ByteArrayInputStream;
import dev.oktaprov.testsupport.SecretsManagerAdmin;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The shaded jar itself ({@code target/onboarding-queue.jar}, after {@code package}) in a class loader
 * of its own: proves that what the build trimmed was not needed. One run touches every dependency
 * the function has: the secret from Secrets Manager (moto_server), Okta through the client (Jackson),
 * all four SQS calls (DLQ send, re-send of a throttled message, visibility change of a transient
 * failure, through the event source mapping's deletes), Lambda's SQS event serializer (Joda-Time),
 * JSON logs (log4j and Powertools) and EMF metrics.
 */
class ShadedJarSmokeTest {

    private static final Path JAR = Path.of("target", "onboarding-queue.jar");

    @Test
    void inAwsTheJarResolvesSecretsManagerAndSqsEndpointsItself() throws Exception {
        // No endpoint override: the clients resolve AWS's regional endpoints as in Lambda, and the
        // recording proxy stops each request there. The secret cannot be read, so every message comes back.
        Map<String, String> env = Map.of(
                "OKTA_ORG_URL", "https://example.okta.com",
                "OKTA_SECRET_ID", "okta/provisioning",
                "ONBOARDING_DLQ_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/okta-provisioning-onboarding-dlq",
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "not-a-real-key");
        SQSEvent event = EventLoader.loadSQSEvent("../../events/sqs-onboarding-batch.json");

        SQSBatchResponse response;
        List<String> proxied;
        // Secrets Manager and SQS are called without the AWS SDK, through the JDK's HTTP client: its requests stop at a recording proxy.
        try (ConnectRecorder awsHosts = new ConnectRecorder(); JarHandler function = new JarHandler(JAR, env)) {
            response = SqsInvocation.invoke(function, event, InvocationContext.start("onboarding", Duration.ofSeconds(90),
                    Clock.systemUTC(), line -> { }));
            proxied = awsHosts.hosts();
        }

        assertThat(response.getBatchItemFailures()).hasSize(3);
        assertThat(proxied).contains("secretsmanager.us-east-1.amazonaws.com:443", "sqs.us-east-1.amazonaws.com:443");
    }

    @Test
    void theJarAloneOnboardsThrottlesRetriesAndDeadLetters() throws Exception {
        assertThat(JAR).as("run after package: mvn package").exists();
        List<SQSEvent.SQSMessage> received = new CopyOnWriteArrayList<>();
        List<InvocationReport> reports = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream functionOutput = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        // One create a minute: the second hire is throttled in the first batch (a 20 s function cannot
        // wait for the reset) and re-sent; then Okta's first answer to it is a 503. 20 s, not 10: a slow
        // first start on a busy machine must not leave too little time to start the second hire at all.
        SimulatorOptions simulator = SimulatorOptions.defaults().withToken("00jar-smoke-token")
                .withLimit(RateLimitBucket.USERS, 1)
                .withFaults(FaultPlan.none().withNext(Fault.LATENCY, Fault.ERROR_503));
        try (MotoServer moto = MotoServer.start();
             SecretsManagerClient secrets = SecretsManagerAdmin.fromEnvironment(moto.environment());
             LocalSqs sqs = LocalSqs.start(Map.of());
             OktaSimulator okta = OktaSimulator.start(simulator)) {
            String secretId = "okta/onboarding-smoke/" + System.nanoTime();
            secrets.createSecret(b -> b.name(secretId).secretString("{\"apiToken\":\"" + okta.token() + "\"}"));
            QueuePair queue = sqs.createQueueWithDlq("jar-smoke", 5, Duration.ofSeconds(30), false);
            Map<String, String> env = new HashMap<>();
            env.put("OKTA_ORG_URL", okta.baseUrl());
            env.put("OKTA_SECRET_ID", secretId);
            env.put("OKTA_MAX_ATTEMPTS", "1");
            env.put("OKTA_REQUEST_TIMEOUT_MS", "2000");
            env.put("ONBOARDING_DLQ_URL", queue.dlqUrl());
            env.put("ONBOARDING_PARALLELISM", "1");
            env.put("ONBOARDING_RETRY_BASE_SECONDS", "1");
            env.put("ONBOARDING_RETRY_MAX_SECONDS", "1");
            env.put("ONBOARDING_THROTTLE_MAX_DELAY_SECONDS", "1");
            env.put("AWS_REGION", MotoServer.REGION);
            env.put("AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY);
            env.put("AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_KEY);
            env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", moto.endpoint().toString());
            env.put("AWS_ENDPOINT_URL_SQS", sqs.endpoint().toString());
            String first = Hires.hire(1);
            String second = Hires.hire(2);
            String invalid = "{\"firstName\":\"No\",\"lastName\":\"Login\",\"email\":\"no.login@example.com\"}";
            sqs.client().sendMessageBatch(b -> b.queueUrl(queue.queueUrl()).entries(
                    e -> e.id("1").messageBody(first), e -> e.id("2").messageBody(second), e -> e.id("3").messageBody(invalid)));
            AtomicBoolean limitRaised = new AtomicBoolean();

            System.setOut(new PrintStream(new TeeStream(originalOut, functionOutput), true, StandardCharsets.UTF_8));
            try (JarHandler function = new JarHandler(JAR, env);
                 EventSourceMapping mapping = EventSourceMapping.builder(sqs.client(),
                                 EventSourceMappingSettings.forQueue(queue.queueArn()).withMaximumConcurrency(1)
                                         .withFunctionTimeout(Duration.ofSeconds(20)),
                                 (event, answer, context) -> {
                                     byte[] bytes = event.readAllBytes();
                                     received.addAll(SqsInvocation.event(bytes).getRecords());
                                     function.handleRequest(new ByteArrayInputStream(bytes), answer, context);
                                 })
                         .logSink(line -> { })
                         .listener(report -> {
                             reports.add(report);
                             if (limitRaised.compareAndSet(false, true)) {
                                 okta.setLimit(RateLimitBucket.USERS, 600);
                             }
                         })
                         .start()) {
                assertThat(mapping.awaitDrained(Duration.ofSeconds(60))).isTrue();
            } finally {
                System.setOut(originalOut);
            }

            assertThat(reports).extracting(InvocationReport::outcome)
                    .doesNotContain(InvocationOutcome.FUNCTION_ERROR, InvocationOutcome.INVALID_RESPONSE, InvocationOutcome.TIMEOUT);
            assertThat(okta.users()).extracting(SimulatedUser::login)
                    .containsExactlyInAnyOrder("hire1@example.com", "hire2@example.com");
            List<Message> dead = sqs.receiveAll(queue.dlqUrl());
            assertThat(dead).singleElement().satisfies(message -> {
                assertThat(message.body()).isEqualTo(invalid);
                assertThat(message.messageAttributes().get("errorCode").stringValue()).isEqualTo("INVALID_INPUT");
            });
            // One hire is created at once; the other is throttled (re-sent as a copy), then meets a 503
            // (returned with a backoff), then is created.
            List<SQSEvent.SQSMessage> firstDeliveries = received.stream().filter(m -> m.getBody().equals(first)).toList();
            List<SQSEvent.SQSMessage> secondDeliveries = received.stream().filter(m -> m.getBody().equals(second)).toList();
            List<SQSEvent.SQSMessage> throttled = firstDeliveries.size() > secondDeliveries.size() ? firstDeliveries : secondDeliveries;
            assertThat(List.of(firstDeliveries.size(), secondDeliveries.size())).containsExactlyInAnyOrder(1, 3);
            assertThat(throttled.get(1).getMessageAttributes().get("throttleCount").getStringValue()).isEqualTo("1");
            assertThat(throttled.get(2).getAttributes().get("ApproximateReceiveCount")).isEqualTo("2");
            String logs = functionOutput.toString(StandardCharsets.UTF_8);
            assertThat(logs).contains("\"outcome\":\"CREATED\"", "\"outcome\":\"THROTTLED\"", "\"outcome\":\"RETRY_LATER\"",
                    "\"outcome\":\"DEAD_LETTERED\"", "\"function_name\":\"local-function\"", "\"UsersCreated\":1");
            assertThat(logs).doesNotContain(okta.token(), "hire1@example.com");
        }
    }

    /** Copies the function's standard output to the console and to a buffer. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream console;
        private final java.io.OutputStream copy;

        TeeStream(java.io.OutputStream console, java.io.OutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            console.write(b);
            copy.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            console.write(b, off, len);
            copy.write(b, off, len);
        }
    }
}
