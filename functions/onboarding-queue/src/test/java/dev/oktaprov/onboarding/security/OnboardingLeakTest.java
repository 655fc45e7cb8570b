package dev.oktaprov.onboarding.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.local.sqs.LocalSqs;
import dev.oktaprov.local.sqs.QueuePair;
import dev.oktaprov.onboarding.OnboardingQueueHandler;
import dev.oktaprov.onboarding.OnboardingRuntime;
import dev.oktaprov.simulator.FaultPlan;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.simulator.oauth.IssuedToken;
import dev.oktaprov.testsupport.LeakWatch;
import dev.oktaprov.testsupport.MotoServer;
import dev.oktaprov.testsupport.SecretsManagerAdmin;
import dev.oktaprov.testsupport.SqsInvocation;
import dev.oktaprov.entrypoints.InvocationContext;
import dev.oktaprov.testsupport.TestKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The onboarding function's batches — created, already there, conflict, invalid, malformed, Okta
 * down, throttled, refused, misconfigured; with an API token and with an OAuth service app — under
 * one {@link LeakWatch}: no credential or password in any log line, metric, batch response, thrown
 * error or dead letter; logins only masked at INFO.
 */
class OnboardingLeakTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "Tr0ub4dor&3-Horse-Battery";
    private static final String WRONG_TOKEN = "00wrongTOKENwrongTOKENwrongTOKEN0123456";
    private static final String LEAKY_SECRET_VALUE = "00shapeless-secret-value-0123456789";

    private static LocalSqs sqs;
    private static MotoServer moto;
    private static SecretsManagerClient secrets;
    private static OktaSimulator okta;
    private static QueuePair queue;

    private final List<String> logins = new ArrayList<>();

    @BeforeAll
    static void start() {
        sqs = LocalSqs.start(Map.of());
        moto = MotoServer.start();
        okta = OktaSimulator.start(SimulatorOptions.defaults());
        queue = sqs.createQueueWithDlq("leak-" + UUID.randomUUID().toString().substring(0, 8), 5, Duration.ofSeconds(30), false);
        secrets = SecretsManagerAdmin.fromEnvironment(secretsEnv(new HashMap<>()));
    }

    @AfterAll
    static void stop() {
        okta.close();
        secrets.close();
        moto.close();
        sqs.close();
    }

    /** Secrets Manager is moto, SQS is ElasticMQ: each through its own endpoint variable. */
    private static Map<String, String> secretsEnv(Map<String, String> env) {
        env.put("AWS_REGION", sqs.region());
        env.put("AWS_ENDPOINT_URL", sqs.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", moto.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_KEY);
        return env;
    }

    private static Map<String, String> env(String credentialName, String credential) {
        Map<String, String> env = secretsEnv(new HashMap<>());
        env.put("OKTA_ORG_URL", okta.baseUrl());
        env.put(credentialName, credential);
        env.put("OKTA_MAX_ATTEMPTS", "2");
        env.put("ONBOARDING_DLQ_URL", queue.dlqUrl());
        env.put("ONBOARDING_THROTTLE_MAX_DELAY_SECONDS", "0");
        return env;
    }

    private static OnboardingQueueHandler handler(Map<String, String> env) {
        return new OnboardingQueueHandler(OnboardingRuntime.of(ProvisioningRuntime.builder(env).sleeper(wait -> { }).random(new Random(3))));
    }

    private static OnboardingQueueHandler withToken(String token) {
        return handler(env("OKTA_API_TOKEN", token));
    }

    private static OnboardingQueueHandler withSecret(String secretText) {
        String secretId = "okta/provisioning/" + UUID.randomUUID();
        secrets.createSecret(b -> b.name(secretId).secretString(secretText));
        return handler(env("OKTA_SECRET_ID", secretId));
    }

    private String hire(String name, Map<String, Object> extra) {
        String login = name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        logins.add(login);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", "Ada");
        body.put("lastName", "Lovelace");
        body.put("email", login);
        body.put("login", login);
        body.putAll(extra);
        return write(body);
    }

    private static SQSEvent batch(String... bodies) {
        SQSEvent sample = EventLoader.loadSQSEvent("../../events/sqs-onboarding-batch.json");
        SQSEvent.SQSMessage template = sample.getRecords().get(0);
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (String body : bodies) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(UUID.randomUUID().toString());
            message.setReceiptHandle(template.getReceiptHandle());
            message.setBody(body);
            message.setAttributes(template.getAttributes());
            message.setMessageAttributes(Map.of());
            message.setEventSource("aws:sqs");
            message.setEventSourceArn(queue.queueArn());
            message.setAwsRegion(sqs.region());
            records.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    /** Runs a batch; records the batch response, or the error Lambda would report; returns how many messages came back. */
    private static int run(LeakWatch watch, String scenario, OnboardingQueueHandler handler, SQSEvent event) {
        try {
            SQSBatchResponse response = SqsInvocation.invoke(handler, event, InvocationContext.of("onboarding"));
            watch.response(scenario, write(response));
            return response.getBatchItemFailures().size();
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            watch.response(scenario, trace.toString());
            return -1;
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void noBatchLeaksACredentialOrAPasswordOrAnUnmaskedLogin() throws Exception {
        KeyPair rsa = TestKeys.rsa();
        KeyPair ec = TestKeys.ec();
        String rsaPem = TestKeys.privatePem(rsa);
        String ecPem = TestKeys.privatePem(ec);
        okta.oauth().register("0oaONBOARD", TestKeys.publicPem(rsa), "rsa-1", OAuthScopes.CREATE_USERS);
        okta.oauth().register("0oaDPOP", TestKeys.publicPem(ec), "ec-1", OAuthScopes.CREATE_USERS);
        okta.oauth().requireDpop("0oaDPOP");

        try (LeakWatch watch = LeakWatch.start()) {
            String taken = hire("taken", Map.of("password", PASSWORD));
            okta.seedUsers(SeedUser.of(logins.get(logins.size() - 1), "Someone", "Else"));
            String created = hire("ada", Map.of("activate", true, "password", PASSWORD));
            assertThat(run(watch, "mixed batch", withToken(okta.token()), batch(
                    created, created, taken,
                    hire("invalid", Map.of("firstName", "", "password", PASSWORD, "nextLogin", "soon")),
                    "{\"login\":\"" + hire("broken", Map.of()).hashCode() + "\",\"password\":\"" + PASSWORD + "\"",
                    hire("emoji", Map.of("lastName", "Lovelace \uD83D\uDE80", "password", PASSWORD)))))
                    .as("permanent failures go to the DLQ, not back").isZero();

            okta.setFaults(FaultPlan.none().withErrorRate(1.0).withErrorStatuses(503));
            assertThat(run(watch, "Okta unavailable", withToken(okta.token()), batch(hire("down", Map.of("password", PASSWORD)))))
                    .isEqualTo(1);
            okta.setFaults(FaultPlan.none());
            okta.setLimit(RateLimitBucket.USERS, 1);
            // Throttled messages are sent again with a delay rather than handed back.
            assertThat(run(watch, "throttled", withToken(okta.token()), batch(
                    hire("first", Map.of()), hire("second", Map.of("password", PASSWORD))))).isZero();
            okta.setLimit(RateLimitBucket.USERS, RateLimitBucket.USERS.defaultPerMinute());
            // Refused credentials hold the message in the queue as a delayed copy: none comes back, none dead-lettered.
            assertThat(run(watch, "a token Okta refuses", withToken(WRONG_TOKEN), batch(hire("refused", Map.of("password", PASSWORD)))))
                    .isZero();
            assertThat(run(watch, "a secret of the wrong shape", withSecret("{\"token\":\"" + LEAKY_SECRET_VALUE + "\"}"),
                    batch(hire("config", Map.of("password", PASSWORD))))).isZero();
            Map<String, String> noDlq = env("OKTA_API_TOKEN", okta.token());
            noDlq.remove("ONBOARDING_DLQ_URL");
            assertThat(run(watch, "no DLQ configured", new OnboardingQueueHandler(noDlq), batch(hire("nodlq", Map.of()))))
                    .as("thrown").isEqualTo(-1);

            assertThat(run(watch, "OAuth: created", withSecret(serviceApp("0oaONBOARD", "rsa-1", rsaPem)),
                    batch(hire("oauth", Map.of("activate", true, "password", PASSWORD))))).isZero();
            assertThat(run(watch, "OAuth: an unregistered key", withSecret(serviceApp("0oaONBOARD", "rsa-1", ecPem)),
                    batch(hire("unregistered", Map.of("password", PASSWORD))))).isZero();
            int usersBefore = okta.userCount();
            assertThat(run(watch, "DPoP-bound app: created", withSecret(serviceApp("0oaDPOP", "ec-1", ecPem)),
                    batch(hire("dpop", Map.of("activate", true, "password", PASSWORD)), hire("dpop2", Map.of())))).isZero();
            assertThat(okta.userCount()).as("both hires of the DPoP-bound app created").isEqualTo(usersBefore + 2);

            List<Message> deadLetters = sqs.receiveAll(queue.dlqUrl());
            assertThat(deadLetters).as("conflict, invalid, malformed, emoji").hasSizeGreaterThanOrEqualTo(4);
            for (Message dead : deadLetters) {
                watch.response("dead letter", dead.body() + " " + dead.messageAttributes());
            }

            watch.secret("API token", okta.token()).secret("refused API token", WRONG_TOKEN).secret("password", PASSWORD)
                    .secret("the secret's value", LEAKY_SECRET_VALUE)
                    .privateKey("RSA private key", rsaPem).privateKey("EC private key", ecPem);
            okta.oauth().issuedTokenValues().forEach(token -> watch.secret("access token", token));
            okta.oauth().receivedAssertions().forEach(assertion -> watch.secret("client assertion", assertion));
            logins.forEach(watch::personal);

            assertThat(okta.oauth().issuedTokenValues()).as("service-app batches ran").isNotEmpty();
            assertThat(okta.oauth().activeTokens()).as("onboarding asks for create-user's scopes")
                    .allSatisfy(token -> assertThat(token.scopes()).containsExactlyInAnyOrderElementsOf(OAuthScopes.CREATE_USERS));
            assertThat(okta.oauth().activeTokens()).as("the DPoP-bound app's token").anyMatch(IssuedToken::dpopBound);
            watch.assertNoLeaks();
        }
    }

    private static String serviceApp(String clientId, String keyId, String privateKey) {
        return write(Map.of("clientId", clientId, "keyId", keyId, "privateKey", privateKey));
    }
}
