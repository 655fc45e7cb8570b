package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.local.sqs.InvocationReport;
import dev.oktaprov.simulator.Fault;
import dev.oktaprov.simulator.FaultPlan;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A batch whose time runs out part-way (README, Onboarding queue): a message is started only while one
 * whole Okta request still fits before the deadline; the messages not started are re-sent at once as
 * copies, so they are neither lost nor charged a receive, and become users in the next invocation.
 */
class TimeRunsOutEndToEndTest {

    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();
    private static final Duration DRAINED = Duration.ofSeconds(60);

    @Test
    void theMessagesNotStartedAreReSentAtOnceAndBecomeUsersWithoutAReceiveMore() throws InterruptedException {
        // Okta's first answer takes 15 s of Okta's time. A 20 s function keeps 1.5 s for itself: after that
        // answer 3.5 s are left, less than one 5 s Okta request, so the batch starts nothing more.
        FaultPlan slowFirstAnswer = FaultPlan.none().withLatency(Duration.ofSeconds(15), 0.0).withNext(Fault.LATENCY);
        List<String> hires = Hires.hires(1, 4);
        List<String> lines;
        try (OnboardingStack stack = new OnboardingStack(SQS.sqs(), SimulatorOptions.defaults().withToken("test-token")
                .withFaults(slowFirstAnswer), 5, false);
             CapturedLogs logs = new CapturedLogs()) {
            stack.env.put("ONBOARDING_PARALLELISM", "1");
            stack.env.put("OKTA_REQUEST_TIMEOUT_MS", "5000");
            stack.env.put("DEADLINE_SAFETY_MARGIN_MS", "1500");
            // Queued before polling starts, one poller: all four arrive in one batch.
            List<String> sent = stack.send(hires);
            stack.start(settings -> settings.withMaximumConcurrency(1).withFunctionTimeout(Duration.ofSeconds(20)), report -> { });

            assertThat(stack.awaitDrained(DRAINED)).isTrue();
            lines = logs.lines();

            InvocationReport first = stack.reports.get(0);
            assertThat(first.messageIds()).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(first.returnedMessageIds()).as("nothing handed back to SQS").isEmpty();
            String started = first.messageIds().get(0);
            List<String> notStarted = first.messageIds().subList(1, 4);
            assertThat(LoggedSettlements.of(lines, started)).singleElement()
                    .satisfies(line -> assertThat(line.path("outcome").asText()).isEqualTo("CREATED"));
            for (String id : notStarted) {
                JsonNode settled = LoggedSettlements.of(lines, id).get(0);
                assertThat(settled.path("outcome").asText()).isEqualTo("NOT_STARTED");
                assertThat(settled.path("disposition").asText()).isEqualTo("RESENT");
                assertThat(settled.path("delay_seconds").asText()).as("re-sent at once").isEqualTo("0");
                assertThat(settled.path("error_code").asText()).isEqualTo("OUT_OF_TIME");
                String body = bodyOf(stack, id);
                List<SQSEvent.SQSMessage> deliveries = stack.deliveriesOf(body);
                assertThat(deliveries).hasSize(2);
                assertThat(deliveries).extracting(m -> m.getAttributes().get("ApproximateReceiveCount")).containsOnly("1");
                assertThat(deliveries.get(1).getMessageAttributes().get("originalMessageId").getStringValue()).isEqualTo(id);
            }
            assertThat(stack.okta.users()).extracting(SimulatedUser::login)
                    .containsExactlyInAnyOrder("hire1@example.com", "hire2@example.com", "hire3@example.com", "hire4@example.com");
            assertThat(stack.okta.counters().usersCreated()).isEqualTo(4);
            assertThat(stack.deadLetters()).isEmpty();
        }
    }

    private static String bodyOf(OnboardingStack stack, String messageId) {
        return stack.received.stream().filter(m -> m.getMessageId().equals(messageId)).findFirst().orElseThrow().getBody();
    }
}
