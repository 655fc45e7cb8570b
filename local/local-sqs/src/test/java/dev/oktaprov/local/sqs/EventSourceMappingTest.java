package dev.oktaprov.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.oktaprov.testsupport.MutableClock;
import dev.oktaprov.testsupport.ThreadWatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

class EventSourceMappingTest {

    private static final Duration DRAINED_WITHIN = Duration.ofSeconds(30);
    private static final AtomicInteger QUEUE_NUMBER = new AtomicInteger();

    private static LocalSqs sqs;

    private final List<InvocationReport> reports = new CopyOnWriteArrayList<>();
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    /** The threads alive before each test (JUnit makes an instance per test): what the test starts is told by identity. */
    private final ThreadWatch threads = ThreadWatch.start();

    @BeforeAll
    static void startElasticMq() {
        sqs = LocalSqs.start(Map.of());
    }

    @AfterAll
    static void stopElasticMq() {
        sqs.close();
    }

    @Test
    void deliversEveryMessageInBatchesOfAtMostBatchSizeAndDeletesThemAll() throws InterruptedException {
        QueuePair queue = newQueue(5, Duration.ofSeconds(30), false);
        List<String> hires = send(queue, 23);
        RecordingHandler handler = RecordingHandler.succeeding();

        try (EventSourceMapping mapping = start(handler, settings(queue).withBatchSize(4))) {
            assertThat(mapping.awaitDrained(DRAINED_WITHIN)).isTrue();
            assertThat(mapping.counters().messagesDeleted()).isEqualTo(23);
            assertThat(mapping.counters().messagesReturned()).isZero();
        }

        assertThat(handler.bodies()).containsExactlyInAnyOrderElementsOf(hires);
        assertThat(handler.events).allSatisfy(event -> assertThat(event.getRecords()).hasSizeBetween(1, 4));
        assertThat(reports).allSatisfy(report -> assertThat(report.outcome()).isEqualTo(InvocationOutcome.SUCCESS));
        assertThat(sqs.approximateCount(queue.queueUrl())).isZero();
        assertThat(sqs.approximateCount(queue.dlqUrl())).isZero();
    }

    @Test
    void reportedFailuresComeBackWithTheirReceiveCountUpAndTheRestIsDeletedOnce() throws InterruptedException {
        QueuePair queue = newQueue(5, Duration.ZERO, false);
        send(queue, "ok-1", "flaky", "ok-2");
        RecordingHandler handler = new RecordingHandler((event, context, invocation) -> RecordingHandler.failing(
                event.getRecords().stream()
                        .filter(m -> m.getBody().equals("flaky"))
                        .filter(m -> m.getAttributes().get("ApproximateReceiveCount").equals("1"))
                        .map(SQSEvent.SQSMessage::getMessageId).toList()));

        try (EventSourceMapping mapping = start(handler, settings(queue).withMaximumConcurrency(1))) {
            assertThat(mapping.awaitDrained(DRAINED_WITHIN)).isTrue();
            assertThat(mapping.counters().messagesDeleted()).isEqualTo(3);
            assertThat(mapping.counters().messagesReturned()).isEqualTo(1);
        }

        assertThat(handler.receiveCountsOf("flaky")).containsExactly(1, 2);
        assertThat(handler.receiveCountsOf("ok-1")).containsExactly(1);
        assertThat(handler.receiveCountsOf("ok-2")).containsExactly(1);
        assertThat(reports).filteredOn(report -> report.outcome() == InvocationOutcome.BATCH_ITEM_FAILURES)
                .singleElement()
                .satisfies(report -> assertThat(report.returnedMessageIds()).hasSize(1));
    }

    @Test
    void aMessageThatKeepsFailingIsMovedToTheDlqAfterMaxReceiveCountReceives() throws InterruptedException {
        QueuePair queue = newQueue(3, Duration.ZERO, false);
        send(queue, "poison", "fine");
        RecordingHandler handler = new RecordingHandler((event, context, invocation) -> RecordingHandler.failing(
                event.getRecords().stream().filter(m -> m.getBody().equals("poison"))
                        .map(SQSEvent.SQSMessage::getMessageId).toList()));

        try (EventSourceMapping mapping = start(handler, settings(queue).withMaximumConcurrency(1))) {
            assertThat(mapping.awaitDrained(DRAINED_WITHIN)).isTrue();
        }

        assertThat(handler.receiveCountsOf("poison")).containsExactly(1, 2, 3);
        assertThat(handler.receiveCountsOf("fine")).containsExactly(1);
        assertThat(sqs.receiveAll(queue.dlqUrl())).extracting(Message::body).containsExactly("poison");
    }

    @Test
    void aHandlerThatThrowsFailsTheWholeBatch() throws InterruptedException {
        QueuePair queue = newQueue(5, Duration.ZERO, false);
        send(queue, "a", "b", "c");
        RecordingHandler handler = new RecordingHandler((event, context, invocation) -> {
            if (invocation == 1) {
                throw new IllegalStateException("Okta is down");
            }
            return new SQSBatchResponse(List.of());
        });

        try (EventSourceMapping mapping = start(handler, settings(queue).withMaximumConcurrency(1))) {
            assertThat(mapping.awaitDrained(DRAINED_WITHIN)).isTrue();
            assertThat(mapping.counters().functionErrors()).isEqualTo(1);
        }

        InvocationReport failedBatch = reports.get(0);
        assertThat(failedBatch.outcome()).isEqualTo(InvocationOutcome.FUNCTION_ERROR);
        assertThat(failedBatch.detail()).contains("Okta is down");
        assertThat(failedBatch.deletedMessageIds()).isEmpty();
        assertThat(failedBatch.returnedMessageIds()).containsExactlyElementsOf(failedBatch.messageIds());
        assertEachCameBackOnce(handler, failedBatch);
        assertThat(logLines).anySatisfy(line -> assertThat(line).contains("Okta is down"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = "not-a-message-in-this-batch")
    void aResponseNamingNoMessageOfTheBatchFailsTheWholeBatch(String itemIdentifier) throws InterruptedException {
        QueuePair queue = newQueue(5, Duration.ZERO, false);
        send(queue, "a", "b", "c");
        RecordingHandler handler = new RecordingHandler((event, context, invocation) -> invocation == 1
                ? new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure(itemIdentifier)))
                : new SQSBatchResponse(null));

        try (EventSourceMapping mapping = start(handler, settings(queue).withMaximumConcurrency(1))) {
            assertThat(mapping.awaitDrained(DRAINED_WITHIN)).isTrue();
            assertThat(mapping.counters().invalidResponses()).isEqualTo(1);
        }

        InvocationReport failedBatch = reports.get(0);
        assertThat(failedBatch.outcome()).isEqualTo(InvocationOutcome.INVALID_RESPONSE);
        assertThat(failedBatch.deletedMessageIds()).isEmpty();
        assertEachCameBackOnce(handler, failedBatch);
    }

    @Test
    void withoutBatchItemFailureReportingAReturnDeletesTheWholeBatch() throws InterruptedException {
        QueuePair queue = newQueue(5, Duration.ZERO, false);
        send(queue, "a", "b", "c");
        RecordingHandler handler = new RecordingHandler((event, context, invocation) -> RecordingHandler.failing(
                event.getRecords().stream().map(SQSEvent.SQSMessage::getMessageId).toList()));

        try (EventSourceMapping mapping = start(handler,
                settings(queue).withMaximumConcurrency(1).withReportBatchItemFailures(false))) {
            assertThat(mapping.awaitDrained(DRAINED_WITHIN)).isTrue();
            assertThat(mapping.counters().messagesDeleted()).isEqualTo(3);
        }

        assertThat(handler.bodies()).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void theBatchingWindowGathersMessagesThatArriveAfterTheFirstIntoOneInvocation() throws InterruptedException {
        QueuePair queue = newQueue(5, Duration.ofSeconds(30), false);
        send(queue, "now");
        // Visible one second later: inside a two-second window, too late for the first receive.
        sqs.client().sendMessage(b -> b.queueUrl(queue.queueUrl()).messageBody("a second later").delaySeconds(1));
        RecordingHandler handler = RecordingHandler.succeeding();

        try (EventSourceMapping mapping = start(handler, settings(queue).withMaximumConcurrency(1)
                .withMaximumBatchingWindow(Duration.ofSeconds(2)))) {
            assertThat(mapping.awaitDrained(DRAINED_WITHIN)).isTrue();
        }

        assertThat(handler.events).singleElement().satisfies(event -> assertThat(event.getRecords())
                .extracting(SQSEvent.SQSMessage::getBody).containsExactly("now", "a second later"));
    }

    @Test
    void runsAsManyInvocationsAtOnceAsMaximumConcurrencyAllows() throws InterruptedException {
        QueuePair queue = newQueue(5, Duration.ofSeconds(30), false);
        send(queue, 12);
        int concurrency = 3;
        // The first three invocations wait for each other: they can only all finish if three run at once.
        CountDownLatch allRunning = new CountDownLatch(concurrency);
        RecordingHandler handler = new RecordingHandler((event, context, invocation) -> {
            allRunning.countDown();
            try {
                allRunning.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new SQSBatchResponse(List.of());
        });

        try (EventSourceMapping mapping = start(handler,
                settings(queue).withBatchSize(1).withMaximumConcurrency(concurrency))) {
            assertThat(pollerThreadsStartedHere()).hasSize(concurrency);
            assertThat(mapping.awaitDrained(DRAINED_WITHIN)).isTrue();
        }

        assertThat(handler.mostRunningAtOnce()).isEqualTo(concurrency);
        assertThat(handler.events).hasSize(12).allSatisfy(event -> assertThat(event.getRecords()).hasSize(1));
    }

    @Test
    void fifoQueuesAreProcessedOneBatchAtATimeInOrderPerGroupEvenAcrossRedelivery() throws InterruptedException {
        QueuePair queue = newQueue(5, Duration.ZERO, true);
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            for (String group : List.of("A", "B")) {
                String body = group + i;
                entries.add(SendMessageBatchRequestEntry.builder().id(body).messageBody(body)
                        .messageGroupId(group).messageDeduplicationId(body).build());
            }
        }
        for (int from = 0; from < entries.size(); from += 10) {
            List<SendMessageBatchRequestEntry> chunk = entries.subList(from, Math.min(from + 10, entries.size()));
            sqs.client().sendMessageBatch(b -> b.queueUrl(queue.queueUrl()).entries(chunk));
        }
        List<String> processed = new CopyOnWriteArrayList<>();
        // A2 fails the first time; as AWS requires for FIFO, it and everything after it in the batch go back.
        RecordingHandler handler = new RecordingHandler((event, context, invocation) -> {
            List<String> failed = new ArrayList<>();
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                boolean firstTryOfA2 = message.getBody().equals("A2")
                        && message.getAttributes().get("ApproximateReceiveCount").equals("1");
                if (firstTryOfA2 || !failed.isEmpty()) {
                    failed.add(message.getMessageId());
                } else {
                    processed.add(message.getBody());
                }
            }
            return RecordingHandler.failing(failed);
        });

        try (EventSourceMapping mapping = start(handler, settings(queue).withBatchSize(3).withMaximumConcurrency(4))) {
            assertThat(pollerThreadsStartedHere()).hasSize(1);
            assertThat(mapping.awaitDrained(DRAINED_WITHIN)).isTrue();
        }

        assertThat(handler.mostRunningAtOnce()).isEqualTo(1);
        assertThat(processed.stream().filter(body -> body.startsWith("A")))
                .containsExactly("A0", "A1", "A2", "A3", "A4", "A5");
        assertThat(processed.stream().filter(body -> body.startsWith("B")))
                .containsExactly("B0", "B1", "B2", "B3", "B4", "B5");
        assertThat(handler.receiveCountsOf("A2")).containsExactly(1, 2);
        SQSEvent.SQSMessage first = handler.events.get(0).getRecords().get(0);
        assertThat(first.getAttributes()).containsKeys("MessageGroupId", "MessageDeduplicationId", "SequenceNumber");
    }

    @Test
    void theHandlerGetsTheEventLambdaWouldDeliverThroughLambdasSerializers() throws Exception {
        QueuePair queue = newQueue(5, Duration.ofSeconds(30), false);
        String messageId = sqs.client().sendMessage(b -> b.queueUrl(queue.queueUrl())
                .messageBody("{\"login\":\"ada@example.com\"}")
                .messageAttributes(Map.of(
                        "source", MessageAttributeValue.builder().dataType("String").stringValue("ats").build(),
                        "attempt", MessageAttributeValue.builder().dataType("Number").stringValue("2").build(),
                        "checksum", MessageAttributeValue.builder().dataType("Binary")
                                .binaryValue(SdkBytes.fromUtf8String("1100")).build())))
                .messageId();
        RecordingHandler handler = RecordingHandler.succeeding();

        try (EventSourceMapping mapping = start(handler, settings(queue).withRegion("us-east-1"))) {
            assertThat(mapping.awaitDrained(DRAINED_WITHIN)).isTrue();
        }

        SQSEvent.SQSMessage record = handler.events.get(0).getRecords().get(0);
        assertThat(record.getMessageId()).isEqualTo(messageId);
        assertThat(record.getReceiptHandle()).isNotBlank();
        assertThat(record.getBody()).isEqualTo("{\"login\":\"ada@example.com\"}");
        assertThat(record.getMd5OfBody()).isEqualTo(md5Hex(record.getBody()));
        assertThat(record.getEventSource()).isEqualTo("aws:sqs");
        assertThat(record.getEventSourceArn()).isEqualTo(queue.queueArn());
        assertThat(record.getAwsRegion()).isEqualTo("us-east-1");
        assertThat(record.getAttributes()).containsEntry("ApproximateReceiveCount", "1")
                .containsKeys("SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp");
        assertThat(record.getMessageAttributes().get("source").getStringValue()).isEqualTo("ats");
        assertThat(record.getMessageAttributes().get("source").getDataType()).isEqualTo("String");
        assertThat(record.getMessageAttributes().get("attempt").getStringValue()).isEqualTo("2");
        assertThat(record.getMessageAttributes().get("attempt").getDataType()).isEqualTo("Number");
        ByteBuffer checksum = record.getMessageAttributes().get("checksum").getBinaryValue();
        assertThat(StandardCharsets.UTF_8.decode(checksum).toString()).isEqualTo("1100");
        assertThat(record.getMessageAttributes().get("source").getStringListValues()).isEmpty();
        assertThat(record.getMd5OfMessageAttributes()).hasSize(32);
    }

    @Test
    void eachInvocationGetsAFreshContextWhoseDeadlineCountsDownFromTheFunctionTimeout()
            throws InterruptedException {
        QueuePair queue = newQueue(5, Duration.ofSeconds(30), false);
        send(queue, "a", "b");
        List<Integer> remainingAtStart = new CopyOnWriteArrayList<>();
        List<Integer> remainingAfterWork = new CopyOnWriteArrayList<>();
        RecordingHandler handler = new RecordingHandler((event, context, invocation) -> {
            remainingAtStart.add(context.getRemainingTimeInMillis());
            clock.advance(Duration.ofMillis(1500));
            remainingAfterWork.add(context.getRemainingTimeInMillis());
            context.getLogger().log("handled " + event.getRecords().get(0).getBody());
            return new SQSBatchResponse(List.of());
        });

        try (EventSourceMapping mapping = start(handler, settings(queue).withBatchSize(1).withMaximumConcurrency(1)
                .withFunctionName("onboarding-queue").withFunctionTimeout(Duration.ofSeconds(10)))) {
            assertThat(mapping.awaitDrained(DRAINED_WITHIN)).isTrue();
        }

        assertThat(remainingAtStart).containsExactly(10_000, 10_000);
        assertThat(remainingAfterWork).containsExactly(8_500, 8_500);
        assertThat(handler.contexts).extracting(c -> c.getAwsRequestId()).doesNotHaveDuplicates();
        assertThat(handler.contexts).allSatisfy(context -> {
            assertThat(context.getFunctionName()).isEqualTo("onboarding-queue");
            assertThat(context.getLogGroupName()).isEqualTo("/aws/lambda/onboarding-queue");
            assertThat(context.getMemoryLimitInMB()).isEqualTo(512);
        });
        assertThat(logLines).containsExactlyInAnyOrder("handled a", "handled b");
    }

    @Test
    void anAnswerAfterTheFunctionTimeoutIsDiscardedAndTheBatchComesBack() throws InterruptedException {
        QueuePair queue = newQueue(5, Duration.ZERO, false);
        send(queue, "slow");
        RecordingHandler handler = new RecordingHandler((event, context, invocation) -> {
            if (invocation == 1) {
                clock.advance(Duration.ofSeconds(31));
            }
            return new SQSBatchResponse(List.of());
        });

        try (EventSourceMapping mapping = start(handler, settings(queue).withMaximumConcurrency(1))) {
            assertThat(mapping.awaitDrained(DRAINED_WITHIN)).isTrue();
            assertThat(mapping.counters().timeouts()).isEqualTo(1);
        }

        assertThat(handler.receiveCountsOf("slow")).containsExactly(1, 2);
        assertThat(reports.get(0).outcome()).isEqualTo(InvocationOutcome.TIMEOUT);
        assertThat(logLines).anySatisfy(line -> assertThat(line).contains("Task timed out after 30.00 seconds"));
    }

    @Test
    void closeStopsPollingAndLeavesNoThreadBehind() throws InterruptedException {
        QueuePair queue = newQueue(5, Duration.ofSeconds(30), false);
        send(queue, 3);
        RecordingHandler handler = RecordingHandler.succeeding();
        EventSourceMapping mapping = start(handler, settings(queue).withMaximumConcurrency(4));
        assertThat(mapping.awaitDrained(DRAINED_WITHIN)).isTrue();
        assertThat(pollerThreadsStartedHere()).hasSize(4);

        mapping.close();

        assertThat(pollerThreadsStartedHere()).isEmpty();
        // Nor any other thread: what the test started has ended, bar the pools of the ElasticMQ it talks to.
        threads.assertEndedOrPooled(Duration.ofSeconds(10),
                // Pekko's default and internal dispatchers, fork-join pools of at most 64 each.
                new ThreadWatch.Pool("local-sqs-pekko.actor.*-dispatcher-N",
                        Pattern.compile("local-sqs-pekko\\.actor\\.(default|internal)-dispatcher-\\d+"), 2 * 64),
                ThreadWatch.Pool.named("Keep-Alive-Timer", 1));
        send(queue, 2);
        assertThat(sqs.approximateCount(queue.queueUrl())).isEqualTo(2);
        assertThat(handler.bodies()).hasSize(3);
    }

    private EventSourceMapping start(RecordingHandler handler, EventSourceMappingSettings settings) {
        return EventSourceMapping.builder(sqs.client(), settings, handler)
                .clock(clock)
                .logSink(logLines::add)
                .listener(reports::add)
                .start();
    }

    private static EventSourceMappingSettings settings(QueuePair queue) {
        return EventSourceMappingSettings.forQueue(queue.queueArn());
    }

    private static QueuePair newQueue(int maxReceiveCount, Duration visibilityTimeout, boolean fifo) {
        return sqs.createQueueWithDlq("esm-" + QUEUE_NUMBER.incrementAndGet(), maxReceiveCount, visibilityTimeout,
                fifo);
    }

    private static List<String> send(QueuePair queue, int count) {
        String[] bodies = IntStream.rangeClosed(1, count).mapToObj(i -> "hire-" + i).toArray(String[]::new);
        send(queue, bodies);
        return Arrays.asList(bodies);
    }

    private static void send(QueuePair queue, String... bodies) {
        for (String body : bodies) {
            sqs.client().sendMessage(b -> b.queueUrl(queue.queueUrl()).messageBody(body));
        }
    }

    // Each message of the failed batch was delivered again, exactly once more, with its receive count up by one.
    private static void assertEachCameBackOnce(RecordingHandler handler, InvocationReport failedBatch) {
        for (String messageId : failedBatch.messageIds()) {
            assertThat(handler.deliveries).filteredOn(d -> d.messageId().equals(messageId))
                    .extracting(RecordingHandler.Delivery::receiveCount)
                    .containsExactly(1, 2);
        }
    }

    /** Poller threads alive now that this test started (a mapping of another test never counts). */
    private List<Thread> pollerThreadsStartedHere() {
        return threads.startedSince().stream()
                .filter(thread -> thread.getName().startsWith(EventSourceMapping.THREAD_NAME_PREFIX))
                .toList();
    }

    private static String md5Hex(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
