package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.local.sqs.InvocationReport;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The DLQ attributes a person reads when a message failed (README, "The DLQ message"), end to end through
 * a real queue: {@code bodyWithheld} for a body that could not be cleaned of its password, and
 * {@code originalMessageId} for a re-sent copy that then failed.
 */
class DeadLetterAttributesEndToEndTest {

    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();
    private static final Duration DRAINED = Duration.ofSeconds(60);

    @Test
    void aBrokenBodyThatMentionsAPasswordIsWithheld() throws InterruptedException {
        try (OnboardingStack stack = new OnboardingStack(SQS.sqs(), SimulatorOptions.defaults().withToken("test-token"), 5, false)) {
            stack.start();
            String id = stack.send("{\"firstName\":\"Eve\",\"password\":\"Sup3r-Secret-Passw0rd\",").get(0);

            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            Message dead = stack.deadLetters().get(0);
            assertThat(dead.body()).isEqualTo(DeadLetterBody.WITHHELD_NOTE).doesNotContain("Sup3r-Secret-Passw0rd");
            assertThat(text(dead, "bodyWithheld")).isEqualTo("true");
            assertThat(text(dead, "errorCode")).isEqualTo("MALFORMED_JSON");
            assertThat(text(dead, "sourceMessageId")).isEqualTo(id);
            assertThat(text(dead, "attempts")).isEqualTo("1");
            assertThat(dead.messageAttributes()).doesNotContainKeys("removedFields", "originalMessageId");
        }
    }

    @Test
    void aCopyThatFailsNamesTheMessageTheProducerSent() throws InterruptedException {
        // One create a minute and a 10 s function: the second hire is throttled and re-sent. Before its
        // copy is worked on, someone else takes its login: the copy fails for good.
        try (OnboardingStack stack = new OnboardingStack(SQS.sqs(), SimulatorOptions.defaults().withToken("test-token")
                .withLimit(RateLimitBucket.USERS, 1), 5, false)) {
            stack.env.put("ONBOARDING_PARALLELISM", "1");
            List<String> sent = stack.send(Hires.hire(1), Hires.hire("clash@example.com", "Dan", "Brown"));
            stack.start(settings -> settings.withMaximumConcurrency(1).withFunctionTimeout(Duration.ofSeconds(10)), report -> {
                if (stack.reports.size() == 1) {
                    stack.okta.seedUsers(SeedUser.of("clash@example.com", "Someone", "Else"));
                    stack.clock.advance(Duration.ofSeconds(61));
                }
            });

            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            InvocationReport first = stack.reports.get(0);
            String throttled = first.messageIds().get(1);
            assertThat(sent).contains(throttled);
            Message dead = stack.deadLetters().get(0);
            String copy = stack.received.stream().filter(m -> !sent.contains(m.getMessageId())).findFirst().orElseThrow().getMessageId();
            assertThat(text(dead, "errorCode")).isEqualTo("LOGIN_CONFLICT");
            assertThat(text(dead, "originalMessageId")).as("the producer's message").isEqualTo(throttled);
            assertThat(text(dead, "sourceMessageId")).as("the copy that failed").isEqualTo(copy);
            assertThat(text(dead, "attempts")).isEqualTo("1");
            assertThat(text(dead, "oktaRequestId")).isNotBlank();
            assertThat(dead.body()).isEqualTo(Hires.hire("clash@example.com", "Dan", "Brown"));
        }
    }

    private static String text(Message message, String attribute) {
        return message.messageAttributes().get(attribute) == null ? null : message.messageAttributes().get(attribute).stringValue();
    }
}
