package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.entrypoints.InvocationContext;
import dev.oktaprov.local.sqs.LocalSqs;
import dev.oktaprov.local.sqs.QueuePair;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.ForwardingHttpClient;
import dev.oktaprov.testsupport.SqsInvocation;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A throttled hire goes back to its queue as a delayed copy: every one of the producer's attributes
 * comes along (SQS takes 10 per message, and the copy adds two of ours), and a copy SQS refuses
 * once is sent again rather than the original being returned (which would count a receive).
 * ElasticMQ queues and the Okta simulator; SQS's refusals come from the function's own SQS client.
 *
 * <p>Copies and dead letters carry the invocation's X-Ray trace header, which SQS keeps as their
 * {@code AWSTraceHeader} and Lambda's recursive loop detection counts hops in: from the Lambda
 * context, or, as the Java runtime also sets it, the {@code com.amazonaws.xray.traceHeader} system
 * property. ElasticMQ keeps the header as SQS does.
 */
class ThrottledResendTest {

    private static final AtomicInteger QUEUE_NUMBER = new AtomicInteger();
    private static final String TRACE = "Root=1-6932a1b0-0123456789abcdef01234567;Parent=89abcdef01234567;Sampled=0;"
            + "Lineage=1a2b3c4d:3";

    @RegisterExtension
    static final ElasticMq ELASTIC_MQ = new ElasticMq();

    private LocalSqs sqs;
    private OktaSimulator okta;
    private QueuePair queue;
    private Map<String, String> env;

    @BeforeEach
    void start() {
        sqs = ELASTIC_MQ.sqs();
        // One create a minute: the batch's first hire spends it, the second is throttled.
        okta = OktaSimulator.start(SimulatorOptions.defaults().withLimit(RateLimitBucket.USERS, 1));
        queue = sqs.createQueueWithDlq("resend-" + QUEUE_NUMBER.incrementAndGet(), 5, Duration.ofSeconds(30), false);
        env = ELASTIC_MQ.functionEnvironment(okta.baseUrl(), queue.dlqUrl());
        env.put("OKTA_API_TOKEN", okta.token());
        env.put("OKTA_MAX_ATTEMPTS", "1");
        env.put("OKTA_REQUEST_TIMEOUT_MS", "5000");
        env.put("ONBOARDING_PARALLELISM", "1");
        env.put("ONBOARDING_THROTTLE_MAX_DELAY_SECONDS", "0");
    }

    @AfterEach
    void stop() {
        okta.close();
    }

    @Test
    void aHireWithTenProducerAttributesKeepsEveryOneThroughReSends() {
        SQSEvent batch = QueueBatches.sentAndReceived(sqs, queue, Hires.hires(1, 2), ProducerAttributes.ten());

        SQSBatchResponse first = invoke(new OnboardingQueueHandler(env), batch);
        Message copy = onlyMessage();
        SQSBatchResponse second = invoke(new OnboardingQueueHandler(env), QueueBatches.event(List.of(copy), queue.queueArn(), sqs.region()));
        Message copyOfCopy = onlyMessage();

        assertThat(first.getBatchItemFailures()).isEmpty();
        assertThat(second.getBatchItemFailures()).isEmpty();
        assertThat(copy.body()).isEqualTo(Hires.hire(2));
        assertThat(copy.messageAttributes()).hasSize(10);
        assertThat(ProducerAttributes.producersOf(copy.messageAttributes())).isEqualTo(ProducerAttributes.ten());
        assertThat(ProducerAttributes.producersOf(copyOfCopy.messageAttributes())).isEqualTo(ProducerAttributes.ten());
        assertThat(copyOfCopy.messageAttributes().get("throttleCount").stringValue()).isEqualTo("2");
        assertThat(copyOfCopy.messageAttributes().get("originalMessageId").stringValue())
                .isEqualTo(batch.getRecords().get(1).getMessageId());
        assertThat(sqs.receiveAll(queue.dlqUrl())).isEmpty();
    }

    @Test
    void aCopySqsRefusesOnceIsSentAgainSoTheOriginalNeverCountsAReceive() {
        RefusedSends refusals = new RefusedSends(1);
        SQSEvent batch = QueueBatches.sentAndReceived(sqs, queue, Hires.hires(1, 2));

        try (CapturedLogs logs = new CapturedLogs()) {
            SQSBatchResponse response = invoke(withSqs(refusals), batch);

            assertThat(refusals.refused.get()).isEqualTo(1);
            assertThat(response.getBatchItemFailures()).isEmpty();
            assertThat(onlyMessage().body()).isEqualTo(Hires.hire(2));
            assertThat(logs.lines()).filteredOn(line -> line.contains("Could not re-send")).singleElement()
                    .satisfies(line -> assertThat(line).contains("; sending it once more"));
        }
    }

    @Test
    void aCopyWhoseEntrySqsRefusesOnceIsSentAgainInTheNextCall() {
        RefusedSends refusals = new RefusedSends(1, true);
        SQSEvent batch = QueueBatches.sentAndReceived(sqs, queue, Hires.hires(1, 2));

        try (CapturedLogs logs = new CapturedLogs()) {
            SQSBatchResponse response = invoke(withSqs(refusals), batch);

            assertThat(response.getBatchItemFailures()).isEmpty();
            assertThat(onlyMessage().body()).isEqualTo(Hires.hire(2));
            assertThat(logs.lines()).filteredOn(line -> line.contains("Could not re-send")).singleElement()
                    .satisfies(line -> assertThat(line).contains("(InvalidParameterValue); sending it once more"));
        }
    }

    @Test
    void aCopySqsRefusesTwiceLeavesTheOriginalToComeBack() {
        RefusedSends refusals = new RefusedSends(Integer.MAX_VALUE);
        SQSEvent batch = QueueBatches.sentAndReceived(sqs, queue, Hires.hires(1, 2));

        SQSBatchResponse response;
        try (CapturedLogs logs = new CapturedLogs()) {
            response = invoke(withSqs(refusals), batch);
            assertThat(logs.lines()).filteredOn(line -> line.contains("Could not re-send")).hasSize(2)
                    .last().satisfies(line -> assertThat(line).contains("; it goes back to the queue"));
        }

        assertThat(refusals.refused.get()).isEqualTo(2);
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(batch.getRecords().get(1).getMessageId());
        Message original = onlyMessage();
        assertThat(original.messageId()).as("the original, visible again after the throttle delay")
                .isEqualTo(batch.getRecords().get(1).getMessageId());
        assertThat(original.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "2");
        assertThat(sqs.receiveAll(queue.dlqUrl())).isEmpty();
    }

    private Message onlyMessage() {
        List<Message> messages = sqs.receiveAll(queue.queueUrl());
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    @Test
    void aThrottledHiresCopyCarriesTheTraceHeaderOfTheInvocationsContext() {
        SQSEvent batch = QueueBatches.sentAndReceived(sqs, queue, Hires.hires(1, 2));

        SqsInvocation.invoke(new OnboardingQueueHandler(env), batch, context().tracedBy(TRACE));

        assertThat(traceHeaderOf(onlyMessage())).isEqualTo(TRACE);
    }

    @Test
    void withoutOneInTheContextTheRuntimesSystemPropertyGivesIt() {
        SQSEvent batch = QueueBatches.sentAndReceived(sqs, queue, Hires.hires(1, 2));

        System.setProperty("com.amazonaws.xray.traceHeader", TRACE);
        try {
            SqsInvocation.invoke(new OnboardingQueueHandler(env), batch, context());
        } finally {
            System.clearProperty("com.amazonaws.xray.traceHeader");
        }

        assertThat(traceHeaderOf(onlyMessage())).isEqualTo(TRACE);
    }

    @Test
    void aDeadLetterCarriesItToo() {
        SQSEvent batch = QueueBatches.sentAndReceived(sqs, queue, List.of("{not json"));

        SqsInvocation.invoke(new OnboardingQueueHandler(env), batch, context().tracedBy(TRACE));

        assertThat(traceHeaderOf(onlyDeadLetter())).isEqualTo(TRACE);
    }

    @Test
    void noTraceHeaderOutsideLambdaMeansNoneSent() {
        SQSEvent batch = QueueBatches.sentAndReceived(sqs, queue, Hires.hires(1, 2));

        SqsInvocation.invoke(new OnboardingQueueHandler(env), batch, context());

        assertThat(traceHeaderOf(onlyMessage())).isNull();
    }

    private Message onlyDeadLetter() {
        List<Message> messages = sqs.receiveAll(queue.dlqUrl());
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private static InvocationContext context() {
        return InvocationContext.start("onboarding", Duration.ofSeconds(10), Clock.systemUTC(), line -> { });
    }

    private static String traceHeaderOf(Message message) {
        return message.attributesAsStrings().get("AWSTraceHeader");
    }

    /** The handler with an SQS client of its own: the same ElasticMQ, refusing the first SendMessageBatch calls. */
    private OnboardingQueueHandler withSqs(RefusedSends refusals) {
        return new OnboardingQueueHandler(OnboardingRuntime.of(ProvisioningRuntime.builder(env).sleeper(wait -> { }).random(new Random(5)), () -> SqsClients.fromEnvironment(env, refusals, Clock.systemUTC(), wait -> { })));
    }

    // A 10 s function cannot wait a minute for Okta's reset: the second hire is throttled at once.
    private static SQSBatchResponse invoke(OnboardingQueueHandler handler, SQSEvent event) {
        return SqsInvocation.invoke(handler, event, context());
    }

    /**
     * ElasticMQ refusing the first {@code count} SendMessageBatch calls: they reach it as an action it
     * does not know, which it refuses as SQS refuses a request it cannot take (HTTP 400, not retried).
     * With {@code entries}, the call is taken but each of its entries refused: it asks for a delay
     * beyond SQS's 900 s, which ElasticMQ, like SQS, refuses entry by entry.
     */
    private static final class RefusedSends extends ForwardingHttpClient {
        final AtomicInteger refused = new AtomicInteger();
        private final int count;
        private final boolean entries;

        RefusedSends(int count) {
            this(count, false);
        }

        RefusedSends(int count, boolean entries) {
            super(HttpClient.newHttpClient());
            this.count = count;
            this.entries = entries;
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            boolean batchSend = request.headers().firstValue("X-Amz-Target").orElse("").equals("AmazonSQS.SendMessageBatch");
            if (!batchSend || refused.getAndUpdate(n -> n < count ? n + 1 : n) >= count) {
                return delegate.sendAsync(request, handler);
            }
            HttpRequest.Builder refusedRequest = HttpRequest.newBuilder(request, (name, value) -> true);
            if (entries) {
                String body = new String(RequestBodies.bodyOf(request), StandardCharsets.UTF_8).replaceAll("\"DelaySeconds\":\\d+",
                        "\"DelaySeconds\":901");
                refusedRequest.POST(HttpRequest.BodyPublishers.ofString(body));
            } else {
                refusedRequest.setHeader("X-Amz-Target", "AmazonSQS.RefusedByTheTest");
            }
            return delegate.sendAsync(refusedRequest.build(), handler);
        }
    }
}
