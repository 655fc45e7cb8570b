package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.oktaprov.entrypoints.InvocationContext;
import dev.oktaprov.local.sqs.LocalSqs;
import dev.oktaprov.local.sqs.QueuePair;
import dev.oktaprov.testsupport.SqsInvocation;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * What a permanently failed message leaves in the DLQ, through the handler and a real DLQ
 * (ElasticMQ): its reason beside every one of the producer's attributes, and no password however
 * the body spells it. These failures need no Okta call, so none is configured to answer.
 */
class DeadLetterCopyTest {

    @RegisterExtension
    static final ElasticMq ELASTIC_MQ = new ElasticMq();

    private static LocalSqs sqs;
    private static QueuePair queue;

    @BeforeAll
    static void createQueue() {
        sqs = ELASTIC_MQ.sqs();
        queue = sqs.createQueueWithDlq("dead-letter-copy", 5, Duration.ofSeconds(30), false);
    }

    @Test
    void theDlqCopyCarriesItsReasonAndEveryOneOfTenProducerAttributes() {
        String invalid = "{\"firstName\":\"Ann\",\"email\":\"ann@example.com\",\"login\":\"ann@example.com\"}";

        SQSBatchResponse response = invoke(List.of(invalid), ProducerAttributes.ten());

        assertThat(response.getBatchItemFailures()).isEmpty();
        Message dead = onlyDeadLetter();
        assertThat(dead.messageAttributes().get("errorCode").stringValue()).isEqualTo("INVALID_INPUT");
        assertThat(dead.messageAttributes()).containsKeys("errorMessage", "attempts", "sourceMessageId", "failedAt")
                .hasSize(10);
        assertThat(ProducerAttributes.producersOf(dead.messageAttributes())).isEqualTo(ProducerAttributes.ten());
    }

    @Test
    void aPasswordUnderADuplicateKeyNeverReachesTheDlq() {
        String duplicate = "{\"firstName\":\"Ann\",\"lastName\":\"Lee\",\"email\":\"ann@example.com\","
                + "\"login\":\"ann@example.com\",\"profile\":{\"password\":\"Sup3r-Secret\"},\"profile\":{}}";

        invoke(List.of(duplicate), Map.of());

        Message dead = onlyDeadLetter();
        assertThat(dead.messageAttributes().get("errorCode").stringValue()).isEqualTo("MALFORMED_JSON");
        assertThat(dead.body()).doesNotContain("Sup3r-Secret");
        assertThat(dead.messageAttributes().get("bodyWithheld").stringValue()).isEqualTo("true");
    }

    private static Message onlyDeadLetter() {
        List<Message> dead = sqs.receiveAll(queue.dlqUrl());
        assertThat(dead).hasSize(1);
        return dead.get(0);
    }

    private static SQSBatchResponse invoke(List<String> bodies,
            Map<String, MessageAttributeValue> attributes) {
        Map<String, String> env = ELASTIC_MQ.functionEnvironment("http://127.0.0.1:9", queue.dlqUrl());
        env.put("OKTA_API_TOKEN", "unused-token-for-messages-that-never-reach-okta");
        return SqsInvocation.invoke(new OnboardingQueueHandler(env), QueueBatches.sentAndReceived(sqs, queue, bodies, attributes),
                InvocationContext.start("onboarding", Duration.ofSeconds(90), Clock.systemUTC(), line -> { }));
    }
}
