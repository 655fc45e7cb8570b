package dev.oktaprov.onboarding;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.local.sqs.EventSourceMapping;
import dev.oktaprov.local.sqs.EventSourceMappingSettings;
import dev.oktaprov.local.sqs.InvocationReport;
import dev.oktaprov.local.sqs.LocalSqs;
import dev.oktaprov.local.sqs.QueuePair;
import dev.oktaprov.local.sqs.RecursiveLoop;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.MutableClock;
import dev.oktaprov.testsupport.SqsInvocation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The onboarding function as it runs in AWS, on this machine: the Okta simulator, a real SQS
 * (ElasticMQ) queue with its DLQ and RedrivePolicy, and the local event source mapping invoking the
 * handler through Lambda's serializers. Each poller thread gets its own handler, built from the
 * environment like a Lambda execution environment (its own Okta client and budget, its own SQS
 * client). Okta's time (simulator, client, waits, injected latency) runs on a {@link MutableClock}: a
 * wait for a rate-limit reset moves it on instead of sleeping; SQS and the function timeout run on real time.
 */
final class OnboardingStack implements AutoCloseable {

    static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(90);
    private static final AtomicInteger QUEUE_NUMBER = new AtomicInteger();
    private static final AtomicLong SEED = new AtomicLong(7);

    final LocalSqs sqs;
    final OktaSimulator okta;
    final QueuePair queue;
    final MutableClock clock;
    final Map<String, String> env = new HashMap<>();
    /** Every message handed to a handler, redeliveries included, in the order they arrived. */
    final List<SQSEvent.SQSMessage> received = new CopyOnWriteArrayList<>();
    final List<InvocationReport> reports = new CopyOnWriteArrayList<>();
    /** Builds each handler's runtime; by default on Okta's clock, each wait moving it on by its length. */
    Function<Map<String, String>, OnboardingRuntime> runtimes;
    private final boolean fifo;
    private final AtomicInteger sent = new AtomicInteger();
    private EventSourceMapping mapping;

    OnboardingStack(LocalSqs sqs, SimulatorOptions simulator, int maxReceiveCount, boolean fifo) {
        this.sqs = sqs;
        this.fifo = fifo;
        this.clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        // Okta's injected latency passes on Okta's clock too: a slow answer uses up the function's time.
        this.okta = OktaSimulator.start(simulator.withClock(clock).withSleeper(clock::advance));
        this.runtimes = environment -> OnboardingRuntime.of(ProvisioningRuntime.builder(environment).clock(clock).sleeper(clock::advance).random(new Random(SEED.incrementAndGet())));
        // The queue's own visibility timeout only matters if the function forgets to set one.
        this.queue = sqs.createQueueWithDlq("onboarding-" + QUEUE_NUMBER.incrementAndGet(), maxReceiveCount,
                Duration.ofSeconds(30), fifo);
        env.put("OKTA_ORG_URL", okta.baseUrl());
        env.put("OKTA_API_TOKEN", okta.token());
        env.put("OKTA_RATE_LIMIT_SHARE", "50");
        env.put("OKTA_MAX_ATTEMPTS", "3");
        env.put("OKTA_REQUEST_TIMEOUT_MS", "5000");
        env.put("DEADLINE_SAFETY_MARGIN_MS", "1500");
        env.put("ONBOARDING_DLQ_URL", queue.dlqUrl());
        env.put("ONBOARDING_PARALLELISM", "2");
        env.put("ONBOARDING_RETRY_BASE_SECONDS", "1");
        env.put("ONBOARDING_RETRY_MAX_SECONDS", "1");
        env.put("ONBOARDING_THROTTLE_MAX_DELAY_SECONDS", "0");
        env.put("AWS_REGION", sqs.region());
        env.put("AWS_ENDPOINT_URL", sqs.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
    }

    /** Starts polling with Lambda's defaults, the template's timeout and RecursiveLoop, and what {@code settings} changes. */
    OnboardingStack start(UnaryOperator<EventSourceMappingSettings> settings, Consumer<InvocationReport> listener) {
        EventSourceMappingSettings base = EventSourceMappingSettings.forQueue(queue.queueArn())
                .withFunctionName("onboarding")
                .withFunctionTimeout(FUNCTION_TIMEOUT)
                .withFunctionMemoryMb(768)
                // As template.yaml deploys it (RecursiveLoopCheck and the runner's TemplateSettingsTest hold it there).
                .withRecursiveLoop(RecursiveLoop.ALLOW);
        Map<String, String> environment = Map.copyOf(env);
        mapping = EventSourceMapping.builder(sqs.client(), settings.apply(base),
                        new HandlerPerPoller(environment, runtimes))
                .logSink(line -> { })
                .listener(report -> {
                    reports.add(report);
                    listener.accept(report);
                })
                .start();
        return this;
    }

    OnboardingStack start() {
        return start(UnaryOperator.identity(), report -> { });
    }

    /** Sends the bodies in batches of 10, in order (one message group on a FIFO queue). */
    List<String> send(List<String> bodies) {
        List<String> ids = new ArrayList<>();
        for (int from = 0; from < bodies.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (String body : bodies.subList(from, Math.min(from + 10, bodies.size()))) {
                SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(entries.size())).messageBody(body);
                if (fifo) {
                    entry.messageGroupId("hr-sync").messageDeduplicationId("m" + sent.incrementAndGet());
                }
                entries.add(entry.build());
            }
            sqs.client().sendMessageBatch(b -> b.queueUrl(queue.queueUrl()).entries(entries))
                    .successful().forEach(ok -> ids.add(ok.messageId()));
        }
        return ids;
    }

    List<String> send(String... bodies) {
        return send(List.of(bodies));
    }

    boolean awaitDrained(Duration timeout) throws InterruptedException {
        return mapping.awaitDrained(timeout);
    }

    /** Consumes the DLQ. */
    List<Message> deadLetters() {
        return sqs.receiveAll(queue.dlqUrl());
    }

    List<SQSEvent.SQSMessage> deliveriesOf(String body) {
        return received.stream().filter(m -> body.equals(m.getBody())).toList();
    }

    @Override
    public void close() {
        try {
            if (mapping != null) {
                mapping.close();
            }
        } finally {
            okta.close();
        }
    }

    /** One handler per poller thread: like Lambda, one execution environment runs one batch at a time. */
    private final class HandlerPerPoller implements RequestStreamHandler {

        private final ThreadLocal<OnboardingQueueHandler> handlers;

        HandlerPerPoller(Map<String, String> environment, Function<Map<String, String>, OnboardingRuntime> runtimes) {
            handlers = ThreadLocal.withInitial(() -> new OnboardingQueueHandler(runtimes.apply(environment)));
        }

        @Override
        public void handleRequest(InputStream event, OutputStream answer, Context context) throws IOException {
            byte[] bytes = event.readAllBytes();
            received.addAll(SqsInvocation.event(bytes).getRecords());
            handlers.get().handleRequest(new ByteArrayInputStream(bytes), answer, context);
        }
    }
}
