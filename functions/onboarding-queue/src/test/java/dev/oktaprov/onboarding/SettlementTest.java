package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.onboarding.Settlement.Disposition;
import dev.oktaprov.onboarding.Settlement.Settled;
import dev.oktaprov.local.sqs.QueuePair;
import dev.oktaprov.testsupport.Jitter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.Clock;

/**
 * What becomes of each message once its batch has run, seen in a real queue (ElasticMQ): which ones
 * are handled, re-sent as delayed copies or handed back, and for how long.
 */
class SettlementTest {

    /** Start dates are checked against it; none of these messages carries one. */
    private static final Clock START_DATES_CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();
    private static final AtomicInteger QUEUE_NUMBER = new AtomicInteger();
    private static final Duration THROTTLE_DELAY_MAX = Duration.ofSeconds(900);

    private QueuePair queue;
    private SourceQueue source;

    @BeforeEach
    void newQueue() {
        queue = SQS.sqs().createQueueWithDlq("settle-" + QUEUE_NUMBER.incrementAndGet(), 5, Duration.ofSeconds(30), false);
        source = new SourceQueue(SQS.calls(), queue.queueUrl());
    }

    @Test
    void handledMessagesAreDeletedAndNeedNoQueue() {
        List<QueueMessage> received = receive("created", "existed", "dead");
        List<MessageResult> results = List.of(result(received.get(0), MessageOutcome.CREATED, null),
                result(received.get(1), MessageOutcome.ALREADY_EXISTED, null),
                result(received.get(2), MessageOutcome.DEAD_LETTERED, Failure.permanent("INVALID_INPUT", "bad")));

        List<Settled> settled = settlement(Duration.ofSeconds(60)).standard(results, noQueueWanted());

        assertThat(settled).extracting(Settled::disposition).containsOnly(Disposition.DELETED);
        assertThat(settled).extracting(Settled::delay).containsOnly(Duration.ZERO);
        assertThat(settled).extracting(Settled::result).containsExactlyElementsOf(results);
    }

    @Test
    void aThrottledMessageIsReSentDelayedUntilTheResetAndANotStartedOneAtOnce() {
        List<QueueMessage> received = receive("throttled", "not started", "created");
        List<MessageResult> results = List.of(
                result(received.get(0), MessageOutcome.THROTTLED, throttled(61)),
                result(received.get(1), MessageOutcome.NOT_STARTED, new Failure(Failure.Kind.TRANSIENT, BatchScheduler.OUT_OF_TIME, "late", null, null)),
                result(received.get(2), MessageOutcome.CREATED, null));

        List<Settled> settled = settlement(Duration.ofSeconds(60)).standard(results, () -> source);

        assertThat(settled).extracting(Settled::disposition)
                .containsExactly(Disposition.RESENT, Disposition.RESENT, Disposition.DELETED);
        assertThat(settled).extracting(Settled::delay).containsExactly(Duration.ofSeconds(61), Duration.ZERO, Duration.ZERO);
        assertThat(attribute(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).as("the throttled copy").isEqualTo("1");
        List<Message> atOnce = SQS.sqs().receiveAll(queue.queueUrl());
        assertThat(atOnce).singleElement().satisfies(copy -> {
            assertThat(copy.body()).isEqualTo("not started");
            assertThat(copy.messageAttributes().get("originalMessageId").stringValue()).isEqualTo(received.get(1).messageId());
            assertThat(copy.messageAttributes().get("throttleCount").stringValue()).isEqualTo("1");
            assertThat(copy.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("1");
        });
    }

    @Test
    void theDelayOfACopyIsCappedAtTheMaximum() {
        List<QueueMessage> received = receive("long wait");

        List<Settled> settled = settlement(Duration.ofSeconds(60))
                .standard(List.of(result(received.get(0), MessageOutcome.THROTTLED, throttled(3_600))), () -> source);

        assertThat(settled).extracting(Settled::delay).containsExactly(THROTTLE_DELAY_MAX);
    }

    @Test
    void aFailureIsHandedBackVisibleAgainAfterItsBackoff() {
        // A backoff of zero: the message is visible again at once, not after the queue's 30 s.
        List<QueueMessage> received = receive("okta down");

        List<Settled> settled = settlement(Duration.ZERO)
                .standard(List.of(result(received.get(0), MessageOutcome.RETRY_LATER, Failure.of(new IllegalStateException()))),
                        () -> source);

        assertThat(settled).extracting(Settled::disposition).containsExactly(Disposition.RETURNED);
        assertThat(settled).extracting(Settled::delay).containsExactly(Duration.ZERO);
        assertThat(SQS.sqs().receiveAll(queue.queueUrl())).singleElement().satisfies(again -> {
            assertThat(again.body()).isEqualTo("okta down");
            assertThat(again.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("2");
        });
    }

    @Test
    void theBackoffGrowsWithTheReceiveCount() {
        QueueMessage third = new QueueMessage("m-3", "r-3", "body", 3, null, Map.of());

        List<Settled> settled = settlement(Duration.ofSeconds(10))
                .standard(List.of(result(third, MessageOutcome.RETRY_LATER, Failure.of(new IllegalStateException()))), () -> source);

        assertThat(settled).extracting(Settled::delay).containsExactly(Duration.ofSeconds(40));
    }

    @Test
    void aCopySqsRefusesIsHandedBackForTheSameDelay() {
        List<QueueMessage> received = receive("throttled");
        SourceQueue gone = new SourceQueue(SQS.calls(), queue.queueUrl() + "-deleted");

        List<Settled> settled = settlement(Duration.ofSeconds(60))
                .standard(List.of(result(received.get(0), MessageOutcome.THROTTLED, throttled(61))), () -> gone);

        assertThat(settled).extracting(Settled::disposition).containsExactly(Disposition.RETURNED);
        assertThat(settled).extracting(Settled::delay).containsExactly(Duration.ofSeconds(61));
        assertThat(SQS.sqs().approximateCount(queue.queueUrl())).as("no copy; the original still in flight").isEqualTo(1);
    }

    @Test
    void fifoReturnsEachMessageThatMustComeBackForTheTimeOfTheFirstOfItsGroup() {
        List<QueueMessage> received = receive("created", "throttled", "not started", "down", "after down", "dead");
        List<MessageResult> results = List.of(
                result(inGroup(received.get(0), "a"), MessageOutcome.CREATED, null),
                result(inGroup(received.get(1), "a"), MessageOutcome.THROTTLED, throttled(61)),
                result(inGroup(received.get(2), "a"), MessageOutcome.NOT_STARTED, throttled(61)),
                result(inGroup(received.get(3), "b"), MessageOutcome.RETRY_LATER, Failure.of(new IllegalStateException())),
                result(inGroup(received.get(4), "b"), MessageOutcome.NOT_STARTED, null),
                result(inGroup(received.get(5), "b"), MessageOutcome.DEAD_LETTERED, Failure.permanent("INVALID_INPUT", "bad")));

        List<Settled> settled = settlement(Duration.ofSeconds(60)).fifo(results, () -> source);

        assertThat(settled).extracting(Settled::disposition).containsExactly(Disposition.DELETED, Disposition.RETURNED,
                Disposition.RETURNED, Disposition.RETURNED, Disposition.RETURNED, Disposition.DELETED);
        assertThat(settled).extracting(Settled::delay).containsExactly(Duration.ZERO, Duration.ofSeconds(61),
                Duration.ofSeconds(61), Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ZERO);
        assertThat(attribute(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).as("FIFO never re-sends").isEqualTo("0");
    }

    private static QueueMessage inGroup(QueueMessage message, String group) {
        return new QueueMessage(message.messageId(), message.receiptHandle(), message.body(), message.receiveCount(), group,
                message.messageAttributes());
    }

    @Test
    void fifoAfterTimeRanOutReturnsAtOnceAndAfterAFailureWithItsBackoff() {
        List<QueueMessage> late = receive("late", "after");
        List<Settled> outOfTime = settlement(Duration.ofSeconds(60)).fifo(List.of(
                result(late.get(0), MessageOutcome.NOT_STARTED, new Failure(Failure.Kind.TRANSIENT, BatchScheduler.OUT_OF_TIME, "late", null, null)),
                result(late.get(1), MessageOutcome.NOT_STARTED, null)), () -> source);
        assertThat(outOfTime).extracting(Settled::delay).containsExactly(Duration.ZERO, Duration.ZERO);
        assertThat(SQS.sqs().receiveAll(queue.queueUrl())).extracting(Message::body).containsExactlyInAnyOrder("late", "after");

        QueueMessage second = new QueueMessage("m-2", "r-2", "down", 2, null, Map.of());
        List<Settled> failed = settlement(Duration.ofSeconds(10)).fifo(List.of(
                result(second, MessageOutcome.RETRY_LATER, Failure.of(new IllegalStateException()))), () -> source);
        assertThat(failed).extracting(Settled::delay).containsExactly(Duration.ofSeconds(20));
    }

    @Test
    void fifoWithNothingToReturnNeedsNoQueue() {
        List<QueueMessage> received = receive("created");

        assertThat(settlement(Duration.ofSeconds(60)).fifo(List.of(result(received.get(0), MessageOutcome.CREATED, null)), noQueueWanted()))
                .extracting(Settled::disposition).containsExactly(Disposition.DELETED);
    }

    private static Settlement settlement(Duration retryBase) {
        return new Settlement(new RetryBackoff(retryBase, Duration.ofHours(1), Jitter.highest()), THROTTLE_DELAY_MAX,
                OnboardingSettings.DEFAULT_MAX_RESENDS);
    }

    private static Supplier<SourceQueue> noQueueWanted() {
        return () -> {
            throw new AssertionError("no message needed the queue");
        };
    }

    private static Failure throttled(long seconds) {
        return new Failure(Failure.Kind.THROTTLED, "RATE_LIMITED", "Okta rate limit reached", null, Duration.ofSeconds(seconds));
    }

    private static MessageResult result(QueueMessage message, MessageOutcome outcome, Failure failure) {
        return new MessageResult(HireMessage.parse(message, START_DATES_CLOCK), outcome, failure);
    }

    /** Sends the bodies and receives them: messages in flight, with receipt handles, as a batch has them. */
    private List<QueueMessage> receive(String... bodies) {
        for (String body : bodies) {
            SQS.sqs().client().sendMessage(b -> b.queueUrl(queue.queueUrl()).messageBody(body));
        }
        List<QueueMessage> received = new ArrayList<>();
        while (received.size() < bodies.length) {
            SQS.sqs().client().receiveMessage(b -> b.queueUrl(queue.queueUrl()).maxNumberOfMessages(10)
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages().forEach(m -> received.add(new QueueMessage(m.messageId(), m.receiptHandle(), m.body(),
                            Integer.parseInt(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)), null,
                            Map.of())));
        }
        List<QueueMessage> inSendOrder = new ArrayList<>();
        for (String body : bodies) {
            received.stream().filter(m -> m.body().equals(body)).findFirst().ifPresent(inSendOrder::add);
        }
        return inSendOrder;
    }

    private String attribute(QueueAttributeName name) {
        return SQS.sqs().attribute(queue.queueUrl(), name);
    }
}
