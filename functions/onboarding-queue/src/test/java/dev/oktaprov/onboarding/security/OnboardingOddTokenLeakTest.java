package dev.oktaprov.onboarding.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.credentials.Secret;
import dev.oktaprov.credentials.StaticTokenCredentialSource;
import dev.oktaprov.local.sqs.LocalSqs;
import dev.oktaprov.local.sqs.QueuePair;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.onboarding.OnboardingQueueHandler;
import dev.oktaprov.onboarding.OnboardingRuntime;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.LeakWatch;
import dev.oktaprov.testsupport.MotoServer;
import dev.oktaprov.testsupport.OddTokens.OddToken;
import dev.oktaprov.testsupport.OddTokens;
import dev.oktaprov.testsupport.SecretsManagerAdmin;
import dev.oktaprov.testsupport.SqsInvocation;
import dev.oktaprov.entrypoints.InvocationContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The onboarding function with tokens as copy-paste leaves them (a zero-width space, a byte order
 * mark, a curly quote, a non-Latin-1 character, a no-break space, a trailing newline), from the
 * environment, the secret and straight to the client: no fragment of a token in any log line, batch
 * response, thrown error (Lambda's errorMessage) or dead letter; a token that stripping repairs
 * onboards its hire, any other onboards no one.
 */
class OnboardingOddTokenLeakTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalSqs sqs;
    private static MotoServer moto;
    private static SecretsManagerClient secrets;
    private static OktaSimulator okta;
    private static QueuePair queue;

    @BeforeAll
    static void start() {
        sqs = LocalSqs.start(Map.of());
        moto = MotoServer.start();
        okta = OktaSimulator.start(SimulatorOptions.defaults());
        queue = sqs.createQueueWithDlq("odd-" + UUID.randomUUID().toString().substring(0, 8), 5, Duration.ofSeconds(30), false);
        secrets = SecretsManagerAdmin.fromEnvironment(env(Map.of()));
    }

    @AfterAll
    static void stop() {
        okta.close();
        secrets.close();
        moto.close();
        sqs.close();
    }

    private static Map<String, String> env(Map<String, String> credential) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", sqs.region());
        env.put("AWS_ENDPOINT_URL", sqs.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", moto.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_KEY);
        env.put("OKTA_ORG_URL", okta.baseUrl());
        env.put("OKTA_MAX_ATTEMPTS", "2");
        env.put("ONBOARDING_DLQ_URL", queue.dlqUrl());
        env.put("ONBOARDING_THROTTLE_MAX_DELAY_SECONDS", "0");
        env.putAll(credential);
        return env;
    }

    private static OnboardingQueueHandler fromEnvironment(Map<String, String> env) {
        return new OnboardingQueueHandler(OnboardingRuntime.of(ProvisioningRuntime.builder(env).sleeper(wait -> { }).random(new SplittableRandom(3))));
    }

    private static OnboardingQueueHandler withSecret(String secretText) {
        String secretId = "okta/provisioning/" + UUID.randomUUID();
        secrets.createSecret(b -> b.name(secretId).secretString(secretText));
        return fromEnvironment(env(Map.of("OKTA_SECRET_ID", secretId)));
    }

    /** The token reaches the client without any check of ours but the request builder's. */
    private static OnboardingQueueHandler handedToTheClient(String token) {
        Map<String, String> env = env(Map.of("OKTA_API_TOKEN", "unused"));
        return new OnboardingQueueHandler(OnboardingRuntime.of(ProvisioningRuntime.builder(env)
                .credentials(new StaticTokenCredentialSource(Secret.of(token)))
                .http(OktaClient.defaultHttpClient(Duration.ofSeconds(2))).sleeper(wait -> { }).random(new SplittableRandom(3))));
    }

    private static SQSEvent batchOf(String login) throws Exception {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setReceiptHandle("odd-" + UUID.randomUUID());
        message.setBody(JSON.writeValueAsString(Map.of("firstName", "Odd", "lastName", "Token", "email", login, "login", login)));
        message.setAttributes(Map.of("ApproximateReceiveCount", "1", "SentTimestamp", "1767607200000"));
        message.setMessageAttributes(Map.of());
        message.setEventSource("aws:sqs");
        message.setEventSourceArn(queue.queueArn());
        message.setAwsRegion(sqs.region());
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    /** Runs one batch; records what Lambda would report; answers whether the hire became a user. */
    private static boolean onboarded(LeakWatch watch, String scenario, OnboardingQueueHandler handler, List<String> logins)
            throws Exception {
        String login = "odd." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        logins.add(login);
        try {
            SQSBatchResponse response = SqsInvocation.invoke(handler, batchOf(login), InvocationContext.of("onboarding"));
            watch.response(scenario, JSON.writeValueAsString(response));
        } catch (RuntimeException thrown) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            watch.response(scenario, thrown.getMessage() + "\n" + trace);
        }
        return okta.findByLogin(login).isPresent();
    }

    @Test
    void noOddTokenLeaksAndOnlyARepairableOneOnboards() throws Exception {
        List<String> logins = new java.util.ArrayList<>();
        Map<String, Boolean> results = new LinkedHashMap<>();
        Map<String, Boolean> expected = new LinkedHashMap<>();
        try (LeakWatch watch = LeakWatch.start()) {
            for (OddToken odd : OddTokens.around(okta.token())) {
                odd.fragments().forEach(fragment -> watch.secret("a token with " + odd.name(), fragment));
                String env = "OKTA_API_TOKEN with " + odd.name();
                results.put(env, onboarded(watch, env, new OnboardingQueueHandler(env(Map.of("OKTA_API_TOKEN", odd.value()))), logins));
                String secret = "the secret's apiToken with " + odd.name();
                results.put(secret, onboarded(watch, secret, withSecret("{\"apiToken\":" + JSON.writeValueAsString(odd.value()) + "}"),
                        logins));
                String handed = "a token handed to the client with " + odd.name();
                results.put(handed, onboarded(watch, handed, handedToTheClient(odd.value()), logins));
                expected.put(env, odd.strippedIsTheToken());
                expected.put(secret, odd.strippedIsTheToken());
                expected.put(handed, false);
            }
            for (Message dead : sqs.receiveAll(queue.dlqUrl())) {
                watch.response("dead letter", dead.body() + " " + dead.messageAttributes());
            }
            logins.forEach(watch::personal);
            watch.secret("API token", okta.token());

            assertThat(results).containsExactlyEntriesOf(expected);
            watch.assertNoLeaks();
        }
    }
}
