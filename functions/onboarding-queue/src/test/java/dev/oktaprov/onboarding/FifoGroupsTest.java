package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.oktaprov.local.sqs.InvocationReport;
import dev.oktaprov.simulator.Fault;
import dev.oktaprov.simulator.FaultPlan;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A FIFO queue (ElasticMQ) with two message groups in one batch: a message that must come back
 * holds back the later messages of its own group only, so that group keeps its order and the other
 * group is onboarded at once, its messages received once.
 */
class FifoGroupsTest {

    @RegisterExtension
    static final ElasticMq ELASTIC_MQ = new ElasticMq();

    @Test
    void aFailingMessageHoldsBackOnlyTheLaterMessagesOfItsOwnGroup() throws InterruptedException {
        // Okta's first request (a1's create) fails once; with one attempt per call a1 must come back.
        try (OnboardingStack stack = new OnboardingStack(ELASTIC_MQ.sqs(), SimulatorOptions.defaults().withToken("test-token")
                .withFaults(FaultPlan.none().withNext(Fault.ERROR_503)), 5, true)) {
            stack.env.put("OKTA_MAX_ATTEMPTS", "1");
            List<String> groups = List.of("team-a", "team-b", "team-a", "team-b", "team-a");
            List<String> bodies = List.of(Hires.hire("a1@example.com", "Ada", "One"), Hires.hire("b1@example.com", "Bo", "One"),
                    Hires.hire("a2@example.com", "Ada", "Two"), Hires.hire("b2@example.com", "Bo", "Two"),
                    Hires.hire("a3@example.com", "Ada", "Three"));
            List<String> ids = send(stack, groups, bodies);
            // Queued before polling starts, so the first batch holds all five.
            stack.start();

            assertThat(stack.awaitDrained(Duration.ofSeconds(60))).isTrue();

            // SQS orders messages within a group only; Okta's first request is the first message's create.
            InvocationReport first = stack.reports.get(0);
            assertThat(first.messageIds()).containsExactlyInAnyOrderElementsOf(ids);
            String failedGroup = groups.get(ids.indexOf(first.messageIds().get(0)));
            List<String> held = idsOf(ids, groups, failedGroup::equals);
            List<String> other = idsOf(ids, groups, group -> !group.equals(failedGroup));
            assertThat(first.returnedMessageIds()).containsExactlyElementsOf(held);
            assertThat(first.deletedMessageIds()).containsExactlyInAnyOrderElementsOf(other);
            assertThat(stack.received.stream().filter(m -> other.contains(m.getMessageId())))
                    .extracting(FifoGroupsTest::receiveCount).containsOnly(1).hasSize(other.size());
            assertThat(stack.received.stream().filter(m -> m.getAttributes().get("MessageGroupId").equals(failedGroup))
                    .map(SQSEvent.SQSMessage::getMessageId)).as("the held group, twice, in order")
                    .containsExactlyElementsOf(concat(held, held));
            assertThat(stack.okta.users()).extracting(SimulatedUser::login).containsExactlyInAnyOrder(
                    "a1@example.com", "b1@example.com", "a2@example.com", "b2@example.com", "a3@example.com");
            assertThat(stack.deadLetters()).isEmpty();
        }
    }

    private static List<String> send(OnboardingStack stack, List<String> groups, List<String> bodies) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            int index = i;
            ids.add(stack.sqs.client().sendMessage(b -> b.queueUrl(stack.queue.queueUrl()).messageBody(bodies.get(index))
                    .messageGroupId(groups.get(index)).messageDeduplicationId("m" + index)).messageId());
        }
        return ids;
    }

    private static List<String> idsOf(List<String> ids, List<String> groups, Predicate<String> inGroup) {
        return IntStream.range(0, ids.size()).filter(i -> inGroup.test(groups.get(i))).mapToObj(ids::get).toList();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        return Integer.parseInt(message.getAttributes().get("ApproximateReceiveCount"));
    }
}
