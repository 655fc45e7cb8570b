package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.entrypoints.InvocationContext;
import dev.oktaprov.local.sqs.LocalSqs;
import dev.oktaprov.local.sqs.QueuePair;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.simulator.FaultPlan;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.ForwardingHttpClient;
import dev.oktaprov.testsupport.MutableClock;
import dev.oktaprov.testsupport.SqsInvocation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Okta's concurrency limit (a 429 with {@code X-Rate-Limit-Limit: 0}, which names no reset worth
 * waiting for) held against the onboarding function: its copies wait at least a minute, as copies
 * of a per-minute throttle wait for a later window, so {@code ONBOARDING_MAX_RESENDS} re-sends are at
 * least as many minutes of throttling and a hire is not dead-lettered after a few minutes of it.
 *
 * <p>The simulator holds the limit with one request it keeps in flight (concurrency limit 1, held in
 * its injected latency). Okta's time and the function's run on a {@link MutableClock}; the copies go
 * to a real queue (ElasticMQ), where the loop test has SQS keep them for no time while it moves
 * Okta's clock on by the delay the function asked for.
 */
class ConcurrencyLimitEndToEndTest {

    private static final AtomicInteger QUEUE_NUMBER = new AtomicInteger();
    private static final Pattern DELAY = Pattern.compile("\"DelaySeconds\":(\\d+)");
    // The template's onboarding function: 90 s, 4 attempts per Okta call.
    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final ElasticMq ELASTIC_MQ = new ElasticMq();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final CountDownLatch released = new CountDownLatch(1);
    private LocalSqs sqs;
    private OktaSimulator okta;
    private QueuePair queue;
    private Map<String, String> env;
    private CompletableFuture<HttpResponse<String>> holder;

    @BeforeEach
    void start() throws InterruptedException {
        sqs = ELASTIC_MQ.sqs();
        CountDownLatch holding = new CountDownLatch(1);
        // Every admitted request waits here until the test releases the limit: the holder is admitted, the function never is.
        okta = OktaSimulator.start(SimulatorOptions.defaults().withClock(clock).withConcurrencyLimit(1)
                .withFaults(FaultPlan.none().withLatency(Duration.ofSeconds(1)))
                .withSleeper(wait -> {
                    holding.countDown();
                    released.await(60, TimeUnit.SECONDS);
                }));
        holder = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(okta.baseUrl() + "/api/v1/users"))
                .header("Authorization", "SSWS " + okta.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(holding.await(10, TimeUnit.SECONDS)).as("the holder is in flight").isTrue();
        queue = sqs.createQueueWithDlq("concurrency-" + QUEUE_NUMBER.incrementAndGet(), 5, Duration.ofSeconds(30), false);
        env = ELASTIC_MQ.functionEnvironment(okta.baseUrl(), queue.dlqUrl());
        env.put("OKTA_API_TOKEN", okta.token());
        env.put("OKTA_MAX_ATTEMPTS", "4");
        env.put("OKTA_REQUEST_TIMEOUT_MS", "10000");
        env.put("ONBOARDING_PARALLELISM", "1");
    }

    @AfterEach
    void stop() throws Exception {
        releaseTheLimit();
        okta.close();
    }

    @Test
    void aHireTurnedAwayByTheConcurrencyLimitIsReSentAMinuteLaterNotAfterTheClientsBackoff() {
        SQSEvent batch = QueueBatches.sentAndReceived(sqs, queue, List.of(Hires.hire(1)));

        SQSBatchResponse response;
        List<String> lines;
        try (CapturedLogs logs = new CapturedLogs()) {
            response = invoke(new OnboardingQueueHandler(runtime(new SqsAsAsked())), batch);
            lines = logs.lines();
        }

        assertThat(okta.counters().concurrencyRejected()).as("every attempt met the concurrency limit").isEqualTo(4);
        assertThat(response.getBatchItemFailures()).isEmpty();
        JsonNode settled = LoggedSettlements.of(lines, batch.getRecords().get(0).getMessageId()).get(0);
        assertThat(settled.path("outcome").asText()).isEqualTo("THROTTLED");
        assertThat(settled.path("disposition").asText()).isEqualTo("RESENT");
        assertThat(settled.path("delay_seconds").asLong()).isEqualTo(60);
        assertThat(sqs.attribute(queue.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .as("the copy, held back by SQS").isEqualTo("1");
        assertThat(sqs.attribute(queue.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("0");
    }

    @Test
    void onAFifoQueueTheHireIsHandedBackForAMinuteSoEachCountedReceiveIsAMinuteOfTheLimit() {
        QueuePair fifo = sqs.createQueueWithDlq("concurrency-" + QUEUE_NUMBER.incrementAndGet(), 5, Duration.ofSeconds(30), true);
        env.put("ONBOARDING_DLQ_URL", fifo.dlqUrl());
        sqs.client().sendMessage(b -> b.queueUrl(fifo.queueUrl()).messageBody(Hires.hire(1)).messageGroupId("hr-sync")
                .messageDeduplicationId("hire-1"));
        List<Message> received = sqs.client().receiveMessage(b -> b.queueUrl(fifo.queueUrl()).waitTimeSeconds(1)
                .visibilityTimeout(60).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertThat(received).hasSize(1);

        SQSBatchResponse response;
        List<String> lines;
        try (CapturedLogs logs = new CapturedLogs()) {
            response = invoke(new OnboardingQueueHandler(runtime(new SqsAsAsked())),
                    QueueBatches.event(received, fifo.queueArn(), sqs.region()));
            lines = logs.lines();
        }

        assertThat(response.getBatchItemFailures()).hasSize(1);
        JsonNode settled = LoggedSettlements.of(lines, received.get(0).messageId()).get(0);
        assertThat(settled.path("disposition").asText()).isEqualTo("RETURNED");
        assertThat(settled.path("delay_seconds").asLong()).isEqualTo(60);
        assertThat(sqs.attribute(fifo.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .as("handed back, invisible").isEqualTo("1");
    }

    @Test
    void aConcurrencyLimitHeldForMaxResendsMinutesNeverCountsAReceiveAndTheHireBecomesAUser() throws Exception {
        int maxResends = 10;
        env.put("ONBOARDING_MAX_RESENDS", Integer.toString(maxResends));
        SqsWithoutDelays sqsWithoutDelays = new SqsWithoutDelays();
        Instant heldUntil = clock.instant().plus(Duration.ofMinutes(maxResends));
        SQSEvent batch = QueueBatches.sentAndReceived(sqs, queue, List.of(Hires.hire(1)));

        int invocations = 0;
        while (clock.instant().isBefore(heldUntil)) {
            SQSBatchResponse response = invoke(new OnboardingQueueHandler(runtime(sqsWithoutDelays)), batch);
            invocations++;
            assertThat(response.getBatchItemFailures()).as("invocation %d, %s into the limit", invocations,
                    Duration.between(heldUntil.minus(Duration.ofMinutes(maxResends)), clock.instant())).isEmpty();
            // SQS keeps the copy for the delay the function asked for: on Okta's clock, that time passes.
            clock.advance(Duration.ofSeconds(sqsWithoutDelays.lastDelaySeconds()));
            batch = QueueBatches.event(List.of(onlyMessage()), queue.queueArn(), sqs.region());
        }
        releaseTheLimit();
        SQSBatchResponse last = invoke(new OnboardingQueueHandler(runtime(sqsWithoutDelays)), batch);

        assertThat(invocations).isLessThanOrEqualTo(maxResends);
        assertThat(last.getBatchItemFailures()).isEmpty();
        assertThat(okta.findByLogin("hire1@example.com")).isPresent();
        assertThat(sqs.receiveAll(queue.queueUrl())).isEmpty();
        assertThat(sqs.receiveAll(queue.dlqUrl())).isEmpty();
    }

    private Message onlyMessage() {
        List<Message> messages = sqs.receiveAll(queue.queueUrl());
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).attributesAsStrings()).as("a copy, never a message handed back")
                .containsEntry("ApproximateReceiveCount", "1");
        return messages.get(0);
    }

    private void releaseTheLimit() throws Exception {
        okta.setFaults(FaultPlan.none());
        released.countDown();
        assertThat(holder.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    private OnboardingRuntime runtime(HttpClient sqsHttp) {
        return OnboardingRuntime.of(ProvisioningRuntime.builder(env).clock(clock).sleeper(clock::advance).random(new Random(5)),
                () -> SqsClients.fromEnvironment(env, sqsHttp, Clock.systemUTC(), wait -> { }));
    }

    private SQSBatchResponse invoke(OnboardingQueueHandler handler, SQSEvent event) {
        return SqsInvocation.invoke(handler, event, InvocationContext.start("onboarding", FUNCTION_TIMEOUT, clock, line -> { }));
    }

    /** The function's SQS calls as it makes them. */
    private static class SqsAsAsked extends ForwardingHttpClient {
        SqsAsAsked() {
            super(HttpClient.newHttpClient());
        }
    }

    /** Records the DelaySeconds of each re-send and has SQS make the copy visible at once instead. */
    private static final class SqsWithoutDelays extends SqsAsAsked {
        private final List<Long> delays = new CopyOnWriteArrayList<>();

        long lastDelaySeconds() {
            assertThat(delays).isNotEmpty();
            return delays.get(delays.size() - 1);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            if (!request.headers().firstValue("X-Amz-Target").orElse("").equals("AmazonSQS.SendMessageBatch")) {
                return delegate.sendAsync(request, handler);
            }
            String body = new String(RequestBodies.bodyOf(request), StandardCharsets.UTF_8);
            Matcher delay = DELAY.matcher(body);
            while (delay.find()) {
                delays.add(Long.parseLong(delay.group(1)));
            }
            return delegate.sendAsync(HttpRequest.newBuilder(request, (name, value) -> true)
                    .POST(HttpRequest.BodyPublishers.ofString(DELAY.matcher(body).replaceAll("\"DelaySeconds\":0")))
                    .build(), handler);
        }
    }
}
