package dev.oktaprov.onboarding.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.local.sqs.LocalSqs;
import dev.oktaprov.local.sqs.QueuePair;
import dev.oktaprov.onboarding.OnboardingQueueHandler;
import dev.oktaprov.onboarding.OnboardingRuntime;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.SqsInvocation;
import dev.oktaprov.entrypoints.InvocationContext;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Batches of hostile message bodies: malformed JSON, wrong types, huge and deeply nested documents,
 * control characters, 4-byte UTF-8, passwords in odd places. The handler never throws, nothing goes
 * back to the queue while Okta is healthy (a bad message is a permanent failure), each refused
 * message is dead-lettered once with a reason free of our internals and of any password, and a
 * batch of refused messages costs no Okta call.
 */
class OnboardingHostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "Tr0ub4dor&3-Horse-Battery";
    private static final Pattern INTERNALS = Pattern.compile(
            "Exception|\\bat [a-z]+\\.|\\.java:\\d|\\b(java|javax|jdk|dev\\.oktaprov|com\\.fasterxml|software\\.amazon)\\.[a-z]");
    private static final List<String> FIELDS =
            List.of("firstName", "lastName", "email", "login", "activate", "groupIds", "nextLogin", "password", "profile");

    private static LocalSqs sqs;
    private static OktaSimulator okta;
    private static QueuePair queue;
    private static OnboardingQueueHandler handler;

    @BeforeContainer
    static void start() {
        sqs = LocalSqs.start(Map.of());
        okta = OktaSimulator.start(SimulatorOptions.defaults());
        queue = sqs.createQueueWithDlq("hostile-" + UUID.randomUUID().toString().substring(0, 8), 5, Duration.ofSeconds(30), false);
        Map<String, String> env = new HashMap<>();
        env.put("OKTA_ORG_URL", okta.baseUrl());
        env.put("OKTA_API_TOKEN", okta.token());
        env.put("OKTA_MAX_ATTEMPTS", "1");
        env.put("ONBOARDING_DLQ_URL", queue.dlqUrl());
        env.put("AWS_REGION", sqs.region());
        env.put("AWS_ENDPOINT_URL", sqs.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        handler = new OnboardingQueueHandler(OnboardingRuntime.of(ProvisioningRuntime.builder(env).sleeper(wait -> { }).random(new Random(11))));
    }

    @AfterContainer
    static void stop() {
        okta.close();
        sqs.close();
    }

    @Provide
    Arbitrary<String> text() {
        Arbitrary<String> fragment = Arbitraries.oneOf(
                Arbitraries.of("\"", "\\", "'", "{", "}", "[", "]", "@", "@example.com", "..", "../", "%2e%2e",
                        "${jndi:ldap://127.0.0.1/x}", "\u0000", "\n", "\t", "\u007f", "\u2028", "\uFEFF", "\uD83D\uDE80",
                        "\uD800", "é", "null", " ", "x"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(10),
                Arbitraries.strings().all().ofMaxLength(3));
        return Arbitraries.frequencyOf(
                Tuple.of(30, fragment.list().ofMaxSize(5).map(parts -> String.join("", parts))),
                Tuple.of(1, Arbitraries.strings().withChars("ab\\\"").ofMinLength(200).ofMaxLength(3000)));
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.lazyOf(
                () -> text().map(s -> (Object) s),
                () -> Arbitraries.of(0, -1, 42, true, false).map(v -> (Object) v),
                () -> Arbitraries.just(null),
                () -> text().list().ofMaxSize(25).map(v -> (Object) v),
                () -> Arbitraries.maps(text(), text()).ofMaxSize(3).map(v -> (Object) v));
    }

    /** A hire with some fields replaced, removed or added, a password among them. */
    @Provide
    Arbitrary<String> forms() {
        Arbitrary<Map.Entry<String, Object>> change = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.of(FIELDS), text()), values()).as(AbstractMap.SimpleEntry::new);
        return change.list().ofMinSize(1).ofMaxSize(3).map(changes -> {
            String login = "hire." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            Map<String, Object> form = new LinkedHashMap<>();
            form.put("firstName", "Ada");
            form.put("lastName", "Lovelace");
            form.put("email", login);
            form.put("login", login);
            form.put("password", PASSWORD);
            changes.forEach(c -> form.put(c.getKey(), c.getValue()));
            return write(form);
        });
    }

    /** Bodies that cannot be a hire: Okta must never hear of them. */
    @Provide
    Arbitrary<String> refusedBodies() {
        return Arbitraries.oneOf(
                Arbitraries.of(" ", "null", "[]", "42", "{\"\\u0000\":1}", "{\"firstName\":\"\\ud800\"}", "\"text\"", "{", "{\"login\":", "{\"password\":\"" + PASSWORD + "\"",
                        "{\"login\":\"a@b.c\"}{}", "{'password':'" + PASSWORD + "'}", "{}", "{\"firstName\":{}}"),
                text().map(t -> "{\"firstName\":\"" + t.replace("\"", "") + "\",\"password\":" + PASSWORD.length() + "}"),
                Arbitraries.of(1, 999, 1001, 2500).map(depth -> "[".repeat(depth) + "]".repeat(depth)),
                Arbitraries.of(1, 999, 1001, 2500).map(depth -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)),
                Arbitraries.of(100_000, 250_000).map(size -> "{\"firstName\":\"" + "a".repeat(size) + "\"}"));
    }

    private static SQSEvent batch(List<String> bodies) {
        SQSEvent.SQSMessage template = EventLoader.loadSQSEvent("../../events/sqs-onboarding-batch.json").getRecords().get(0);
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

    @Property(tries = 40)
    void aBatchOfAnyHiresIsSettledWithoutOurInternals(@ForAll("batches") List<String> bodies) {
        List<Message> deadLetters = run(bodies);

        assertThat(deadLetters.size()).isLessThanOrEqualTo(bodies.size());
    }

    @Property(tries = 40)
    void aBatchOfRefusedBodiesCostsNoOktaCall(@ForAll("refusedBatches") List<String> bodies) {
        long before = okta.counters().totalRequests();

        List<Message> deadLetters = run(bodies);

        assertThat(okta.counters().totalRequests()).isEqualTo(before);
        assertThat(deadLetters).as("each refused message dead-lettered once").hasSize(bodies.size());
    }

    @net.jqwik.api.Example
    void fieldNamesSqsWouldRefuseStillReachTheDeadLetterQueue() {
        List<String> bodies = List.of("{\"\\u0000\":1}", "{\"a\\u0001b\":1,\"password\":\"" + PASSWORD + "\"}", "{\"\\uffff\":true}");

        assertThat(run(bodies)).hasSize(3);
    }

    @Provide
    Arbitrary<List<String>> batches() {
        return Arbitraries.oneOf(forms(), refusedBodies()).filter(OnboardingHostileInputTest::sqsAccepts).list().ofMinSize(1).ofMaxSize(10);
    }

    @Provide
    Arbitrary<List<String>> refusedBatches() {
        return refusedBodies().filter(OnboardingHostileInputTest::sqsAccepts).list().ofMinSize(1).ofMaxSize(10);
    }

    /**
     * SQS takes only these characters in a body (#x9, #xA, #xD, #x20-#xD7FF, #xE000-#xFFFD and
     * supplementary ones), so no message holds others; JSON escapes such as {@code \u0000} still can.
     */
    static boolean sqsAccepts(String body) {
        if (body.isEmpty()) {
            return false;
        }
        for (int i = 0; i < body.length(); ) {
            int c = body.codePointAt(i);
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            if (!ok) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    // 40 batches of up to 10 messages each: about two hundred hostile messages per property.

    /** Runs one batch; checks the response and every dead letter; returns the dead letters. */
    private static List<Message> run(List<String> bodies) {
        SQSBatchResponse response = SqsInvocation.invoke(handler, batch(bodies), InvocationContext.of("onboarding"));

        assertThat(response.getBatchItemFailures()).as("nothing goes back while Okta is healthy").isEmpty();
        List<Message> deadLetters = sqs.receiveAll(queue.dlqUrl());
        for (Message dead : deadLetters) {
            dead.messageAttributes().forEach((name, value) -> {
                String text = String.valueOf(value.stringValue());
                assertThat(INTERNALS.matcher(text).find()).as("internals in DLQ attribute %s: %s", name, text).isFalse();
                assertThat(text).as("DLQ attribute %s", name).doesNotContain(PASSWORD);
                assertThat(text.isEmpty() || sqsAccepts(text)).as("DLQ attribute %s holds only characters SQS takes", name).isTrue();
            });
            assertThat(dead.body()).as("a dead letter's body").doesNotContain(PASSWORD);
        }
        return deadLetters;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
