package dev.oktaprov.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Lambda's recursive loop detection in the local mapping: a function that sends each message back
 * to the queue it came from, with the AWS SDK as in Lambda, and ElasticMQ keeping the trace header.
 */
class RecursiveLoopTest {

    private static final Duration DRAINED_WITHIN = Duration.ofSeconds(30);
    private static final AtomicInteger QUEUE_NUMBER = new AtomicInteger();
    private static final int HOPS_WANTED = 30;

    private static LocalSqs sqs;

    @BeforeAll
    static void startElasticMq() {
        sqs = LocalSqs.start(Map.of());
    }

    @AfterAll
    static void stopElasticMq() {
        sqs.close();
    }

    @Test
    void byDefaultTheSeventeenthInvocationOfAChainIsDroppedIntoTheQueuesDlq() throws InterruptedException {
        QueuePair queue = queueWithFirstMessage();
        RecordingHandler handler = new RecordingHandler(sendsBackUntil(queue, HOPS_WANTED));

        try (EventSourceMapping mapping = start(handler, queue, RecursiveLoop.TERMINATE)) {
            assertThat(mapping.awaitDrained(DRAINED_WITHIN)).isTrue();
            assertThat(mapping.counters().recursiveInvocationsDropped()).isEqualTo(1);
            assertThat(mapping.counters().invocations()).isEqualTo(TraceHeader.MAX_INVOCATIONS_PER_CHAIN);
        }

        assertThat(handler.bodies()).hasSize(TraceHeader.MAX_INVOCATIONS_PER_CHAIN).endsWith("15");
        List<Message> dead = sqs.receiveAll(queue.dlqUrl());
        assertThat(dead).extracting(Message::body).containsExactly("16");
        assertThat(dead.get(0).messageAttributes().get("sentBy").stringValue()).isEqualTo("the function");
    }

    @Test
    void aFunctionThatAllowsLoopsIsInvokedAsOftenAsItSendsBack() throws InterruptedException {
        QueuePair queue = queueWithFirstMessage();
        RecordingHandler handler = new RecordingHandler(sendsBackUntil(queue, HOPS_WANTED));

        try (EventSourceMapping mapping = start(handler, queue, RecursiveLoop.ALLOW)) {
            assertThat(mapping.awaitDrained(DRAINED_WITHIN)).isTrue();
            assertThat(mapping.counters().recursiveInvocationsDropped()).isZero();
        }

        assertThat(handler.bodies()).hasSize(HOPS_WANTED + 1).endsWith(Integer.toString(HOPS_WANTED));
        assertThat(sqs.receiveAll(queue.dlqUrl())).isEmpty();
    }

    @Test
    void eachHopIsCountedInTheTraceHeaderTheFunctionsMessagesCarry() throws InterruptedException {
        QueuePair queue = queueWithFirstMessage();
        RecordingHandler handler = new RecordingHandler(sendsBackUntil(queue, 3));

        try (EventSourceMapping mapping = start(handler, queue, RecursiveLoop.TERMINATE)) {
            assertThat(mapping.awaitDrained(DRAINED_WITHIN)).isTrue();
        }

        String function = TraceHeader.functionId("arn:aws:lambda:" + sqs.region() + ":000000000000:function:looper");
        List<String> headers = handler.events.stream()
                .map(event -> event.getRecords().get(0).getAttributes().get(TraceHeader.SQS_ATTRIBUTE)).toList();
        assertThat(headers.get(0)).as("the producer's message, sent outside any invocation").isNull();
        assertThat(headers.subList(1, headers.size())).extracting(header -> TraceHeader.invocations(header, function))
                .containsExactly(1, 2, 3);
        assertThat(headers.subList(1, headers.size())).extracting(header -> header.substring(0, header.indexOf(';')))
                .as("one trace root for the whole chain").containsOnly(headers.get(1).substring(0, headers.get(1).indexOf(';')));
    }

    @Test
    void theTemplatesSpellingIsRead() {
        assertThat(RecursiveLoop.fromTemplate("Allow")).isEqualTo(RecursiveLoop.ALLOW);
        assertThat(RecursiveLoop.fromTemplate("Terminate")).isEqualTo(RecursiveLoop.TERMINATE);
        assertThat(RecursiveLoop.fromTemplate(null)).as("Lambda's default").isEqualTo(RecursiveLoop.TERMINATE);
    }

    /** A new queue with a DLQ, holding message "0" as a producer sent it (outside any invocation). */
    private static QueuePair queueWithFirstMessage() {
        QueuePair queue = sqs.createQueueWithDlq("loop-" + QUEUE_NUMBER.incrementAndGet(), 5, Duration.ofSeconds(30), false);
        sqs.client().sendMessage(b -> b.queueUrl(queue.queueUrl()).messageBody("0"));
        return queue;
    }

    /** Sends body n + 1 back to the queue for body n, until n reaches {@code last}. */
    private static RecordingHandler.Behaviour sendsBackUntil(QueuePair queue, int last) {
        return (event, context, invocation) -> {
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                int hop = Integer.parseInt(message.getBody());
                if (hop < last) {
                    sqs.client().sendMessage(b -> b.queueUrl(queue.queueUrl()).messageBody(Integer.toString(hop + 1))
                            .messageAttributes(Map.of("sentBy", MessageAttributeValue.builder().dataType("String").stringValue("the function").build())));
                }
            }
            return new SQSBatchResponse(List.of());
        };
    }

    private static EventSourceMapping start(RecordingHandler handler, QueuePair queue, RecursiveLoop recursiveLoop) {
        return EventSourceMapping.builder(sqs.client(), EventSourceMappingSettings.forQueue(queue.queueArn())
                        .withFunctionName("looper").withMaximumConcurrency(1).withRecursiveLoop(recursiveLoop), handler)
                .logSink(line -> { })
                .start();
    }
}
