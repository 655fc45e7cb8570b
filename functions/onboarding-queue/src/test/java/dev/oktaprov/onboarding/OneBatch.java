package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.entrypoints.InvocationContext;
import dev.oktaprov.local.sqs.LocalSqs;
import dev.oktaprov.local.sqs.QueuePair;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.Jitter;
import dev.oktaprov.testsupport.MutableClock;
import dev.oktaprov.testsupport.SqsInvocation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * One batch through the handler, in-process and fast: a real queue and DLQ (ElasticMQ), the Okta
 * simulator, and one clock for Okta, the function and its Lambda context, so a slow answer or a wait
 * for Okta's reset uses up the invocation's time without sleeping. The invocation's log lines and
 * EMF metrics are kept for the test to read. Backoffs take their highest jitter.
 */
final class OneBatch implements AutoCloseable {

    private static final AtomicInteger QUEUE_NUMBER = new AtomicInteger();

    final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    final LocalSqs sqs;
    final OktaSimulator okta;
    final QueuePair queue;
    final Map<String, String> env;
    private OnboardingRuntime runtime;
    private List<String> lines = List.of();
    private Map<String, Double> metrics = Map.of();

    /** One message at a time (parallelism 1), one Okta attempt per call, 5 s per Okta request. */
    OneBatch(ElasticMq elasticMq, SimulatorOptions simulator, boolean fifo) {
        sqs = elasticMq.sqs();
        okta = OktaSimulator.start(simulator.withClock(clock).withSleeper(clock::advance));
        queue = sqs.createQueueWithDlq("batch-" + QUEUE_NUMBER.incrementAndGet(), 5, Duration.ofSeconds(30), fifo);
        env = elasticMq.functionEnvironment(okta.baseUrl(), queue.dlqUrl());
        env.put("OKTA_API_TOKEN", okta.token());
        env.put("OKTA_MAX_ATTEMPTS", "1");
        env.put("OKTA_REQUEST_TIMEOUT_MS", "5000");
        env.put("DEADLINE_SAFETY_MARGIN_MS", "1500");
        env.put("ONBOARDING_PARALLELISM", "1");
    }

    /** Sends the bodies (FIFO: each in its group of {@code groups}) and receives them as one batch, in send order. */
    SQSEvent received(List<String> bodies, List<String> groups) {
        for (int i = 0; i < bodies.size(); i++) {
            String body = bodies.get(i);
            String group = groups.isEmpty() ? null : groups.get(i);
            String dedup = "d" + i;
            sqs.client().sendMessage(b -> b.queueUrl(queue.queueUrl()).messageBody(body).messageGroupId(group)
                    .messageDeduplicationId(group == null ? null : dedup));
        }
        List<Message> received = new ArrayList<>();
        while (received.size() < bodies.size()) {
            received.addAll(sqs.client().receiveMessage(b -> b.queueUrl(queue.queueUrl()).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).visibilityTimeout(60).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages());
        }
        received.sort((a, b) -> Integer.compare(bodies.indexOf(a.body()), bodies.indexOf(b.body())));
        return QueueBatches.event(received, queue.queueArn(), sqs.region());
    }

    SQSEvent received(List<String> bodies) {
        return received(bodies, List.of());
    }

    /** The handler, built from {@link #env} as Lambda builds it, invoked once with a function timeout of {@code timeout}. */
    SQSBatchResponse invoke(SQSEvent event, Duration timeout) {
        Map<String, String> environment = new HashMap<>(env);
        runtime = OnboardingRuntime.of(ProvisioningRuntime.builder(environment).clock(clock).sleeper(clock::advance)
                .random(Jitter.highest()), () -> SqsClients.fromEnvironment(environment));
        try (CapturedLogs logs = new CapturedLogs(); EmfOutput emf = EmfOutput.capture()) {
            SQSBatchResponse response = SqsInvocation.invoke(new OnboardingQueueHandler(runtime), event,
                    InvocationContext.start("onboarding", timeout, clock, line -> { }));
            lines = logs.lines();
            metrics = emf.counts();
            deleteHandled(event, response);
            return response;
        }
    }

    /** As the event source mapping does: the messages not in {@code batchItemFailures} are deleted. */
    private void deleteHandled(SQSEvent event, SQSBatchResponse response) {
        List<String> returned = failures(response);
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            if (!returned.contains(record.getMessageId())) {
                try {
                    sqs.client().deleteMessage(b -> b.queueUrl(queue.queueUrl()).receiptHandle(record.getReceiptHandle()));
                } catch (SqsException alreadyConsumed) {
                    // The test received it again before this batch (a copy's original): nothing left to delete.
                }
            }
        }
    }

    /** The ids SQS must hand out again, in the order the function gave them. */
    static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    static List<String> ids(SQSEvent event) {
        return event.getRecords().stream().map(SQSEvent.SQSMessage::getMessageId).toList();
    }

    /** The last invocation's one settlement line of the message. */
    JsonNode settled(String messageId) {
        List<JsonNode> settled = LoggedSettlements.of(lines, messageId);
        assertThat(settled).as("settlement lines of %s", messageId).hasSize(1);
        return settled.get(0);
    }

    /** {@code outcome disposition delay_seconds error_code} of the message's settlement line, for one-line asserts. */
    String settlement(String messageId) {
        JsonNode line = settled(messageId);
        return String.join(" ", line.path("outcome").asText(), line.path("disposition").asText(),
                line.path("delay_seconds").asText("-"), line.path("error_code").asText("-"));
    }

    List<String> lines() {
        return lines;
    }

    /** The last invocation's metric sums, but {@code OktaLatency} (a duration per Okta answer, not a count). */
    Map<String, Double> counts() {
        Map<String, Double> counts = new HashMap<>(metrics);
        counts.remove("OktaLatency");
        return counts;
    }

    /** The seconds the last invocation's Okta client said to wait for room to create a user: until Okta's reset, and a second. */
    long secondsUntilOktaHasRoom() {
        Instant resetsAt = runtime.provisioning().okta().budget().state(OktaClient.BUCKET_CREATE_USER).orElseThrow().resetsAt();
        Duration wait = Duration.between(clock.instant(), resetsAt).plusSeconds(1);
        return wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    }

    @Override
    public void close() {
        okta.close();
    }
}
