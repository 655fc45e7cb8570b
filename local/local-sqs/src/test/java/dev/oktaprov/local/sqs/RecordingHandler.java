package dev.oktaprov.local.sqs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.oktaprov.testsupport.SqsInvocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SQS handler that records what it was given and answers as the test's behaviour says. The
 * mapping's bytes are read, and the answer written, by the Lambda Java runtime's own SQS serializers.
 * Counts invocations running at once and remembers the most it saw.
 */
final class RecordingHandler implements RequestStreamHandler {

    /** What the handler does with one event; the invocation number starts at 1. */
    @FunctionalInterface
    interface Behaviour {
        SQSBatchResponse answer(SQSEvent event, Context context, int invocation);
    }

    /** One record as the handler saw it. */
    record Delivery(int invocation, String messageId, String body, int receiveCount) {
    }

    final List<SQSEvent> events = new CopyOnWriteArrayList<>();
    final List<Context> contexts = new CopyOnWriteArrayList<>();
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger invocations = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private final Behaviour behaviour;

    RecordingHandler(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    static RecordingHandler succeeding() {
        return new RecordingHandler((event, context, invocation) -> new SQSBatchResponse(List.of()));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream answer, Context context) throws IOException {
        SQSBatchResponse response = handleRequest(SqsInvocation.event(input.readAllBytes()), context);
        answer.write(response == null ? "null".getBytes(StandardCharsets.UTF_8) : SqsInvocation.json(response));
    }

    private SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        int invocation = invocations.incrementAndGet();
        mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            events.add(event);
            contexts.add(context);
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                deliveries.add(new Delivery(invocation, message.getMessageId(), message.getBody(),
                        Integer.parseInt(message.getAttributes().get("ApproximateReceiveCount"))));
            }
            return behaviour.answer(event, context, invocation);
        } finally {
            running.decrementAndGet();
        }
    }

    int mostRunningAtOnce() {
        return mostRunning.get();
    }

    List<String> bodies() {
        return deliveries.stream().map(Delivery::body).toList();
    }

    List<Integer> receiveCountsOf(String body) {
        return deliveries.stream().filter(delivery -> delivery.body().equals(body))
                .map(Delivery::receiveCount).toList();
    }

    static SQSBatchResponse failing(List<String> messageIds) {
        return new SQSBatchResponse(messageIds.stream().map(SQSBatchResponse.BatchItemFailure::new).toList());
    }
}
