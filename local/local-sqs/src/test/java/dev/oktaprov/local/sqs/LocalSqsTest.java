package dev.oktaprov.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class LocalSqsTest {

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
    void startsElasticMqOnLoopbackWhenNoEndpointIsGiven() {
        assertThat(sqs.isEmbedded()).isTrue();
        assertThat(sqs.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(sqs.endpoint().getPort()).isPositive();
        assertThat(sqs.region()).isEqualTo("us-east-1");
    }

    @Test
    void createsTheQueueWithTheTemplatesRedrivePolicy() {
        QueuePair pair = sqs.createQueueWithDlq("hires", 5, Duration.ofSeconds(30), false);

        assertThat(pair.queueUrl()).startsWith(sqs.endpoint().toString()).endsWith("/hires");
        assertThat(pair.dlqUrl()).endsWith("/hires-dlq");
        assertThat(pair.queueArn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:hires");
        assertThat(pair.dlqArn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:hires-dlq");
        assertThat(sqs.attribute(pair.queueUrl(), QueueAttributeName.REDRIVE_POLICY))
                .contains("\"deadLetterTargetArn\":\"" + pair.dlqArn() + "\"")
                .containsPattern("\"maxReceiveCount\":\"?5\"?");
        assertThat(sqs.attribute(pair.queueUrl(), QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("30");
        // ElasticMQ keeps messages forever and reports no retention; LocalSqsOnMotoTest checks the 14 days.
    }

    @Test
    void createsFifoPairsWithFifoNames() {
        QueuePair pair = sqs.createQueueWithDlq("ordered.fifo", 3, Duration.ofSeconds(1), true);

        assertThat(pair.queueUrl()).endsWith("/ordered.fifo");
        assertThat(pair.dlqUrl()).endsWith("/ordered-dlq.fifo");
        assertThat(sqs.attribute(pair.queueUrl(), QueueAttributeName.FIFO_QUEUE)).isEqualTo("true");
        assertThat(sqs.attribute(pair.dlqUrl(), QueueAttributeName.FIFO_QUEUE)).isEqualTo("true");
    }

    @Test
    void aMessageReceivedMaxReceiveCountTimesWithoutDeletionLandsInTheDlq() {
        QueuePair pair = sqs.createQueueWithDlq("redrive", 3, Duration.ZERO, false);
        sqs.client().sendMessage(b -> b.queueUrl(pair.queueUrl()).messageBody("poison"));

        for (int receive = 1; receive <= 3; receive++) {
            List<Message> received = sqs.client().receiveMessage(b -> b.queueUrl(pair.queueUrl())
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            assertThat(received).hasSize(1);
            assertThat(received.get(0).attributes())
                    .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, Integer.toString(receive));
        }
        // The receive after the last allowed one finds the message moved, not redelivered.
        assertThat(sqs.client().receiveMessage(b -> b.queueUrl(pair.queueUrl())).messages()).isEmpty();

        assertThat(sqs.approximateCount(pair.queueUrl())).isZero();
        assertThat(sqs.receiveAll(pair.dlqUrl())).extracting(Message::body).containsExactly("poison");
    }

    @Test
    void peekLeavesMessagesInTheQueueAndReceiveAllTakesThemWithTheirAttributes() {
        QueuePair pair = sqs.createQueueWithDlq("peek", 100, Duration.ofSeconds(30), false);
        for (int i = 0; i < 13; i++) {
            int n = i;
            sqs.client().sendMessage(b -> b.queueUrl(pair.queueUrl()).messageBody("hire-" + n)
                    .messageAttributes(Map.of("reason", MessageAttributeValue.builder()
                            .dataType("String").stringValue("reason-" + n).build())));
        }

        List<Message> peeked = sqs.peekAll(pair.queueUrl());
        assertThat(peeked).hasSize(13);
        assertThat(sqs.approximateCount(pair.queueUrl())).isEqualTo(13);

        List<Message> taken = sqs.receiveAll(pair.queueUrl());
        assertThat(taken).hasSize(13);
        assertThat(taken).allSatisfy(message -> {
            assertThat(message.messageAttributes().get("reason").stringValue())
                    .isEqualTo(message.body().replace("hire-", "reason-"));
            assertThat(message.attributes()).containsKeys(
                    MessageSystemAttributeName.SENT_TIMESTAMP, MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        });
        assertThat(sqs.approximateCount(pair.queueUrl())).isZero();
    }
}
