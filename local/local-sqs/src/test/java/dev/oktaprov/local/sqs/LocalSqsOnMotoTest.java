package dev.oktaprov.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.oktaprov.testsupport.MotoServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The same LocalSqs, and a mapping on it, against moto_server through AWS_ENDPOINT_URL (or the SQS that
 * AWS_ENDPOINT_URL already names); skipped where there is neither.
 */
class LocalSqsOnMotoTest {

    private static MotoServer moto;
    private static LocalSqs sqs;

    @BeforeAll
    static void startMoto() {
        // Skipped only where there is no moto at all; a moto that is there and fails to start fails the test.
        assumeTrue(MotoServer.available(), "no moto_server on PATH or in ~/.pyenv/shims, and no AWS_ENDPOINT_URL");
        moto = MotoServer.start();
        sqs = LocalSqs.start(Map.of("AWS_ENDPOINT_URL", moto.endpoint().toString(), "AWS_REGION", "eu-west-1"));
    }

    @AfterAll
    static void stopMoto() {
        if (sqs != null) {
            sqs.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void usesTheGivenEndpointAndStartsNothing() {
        assertThat(sqs.isEmbedded()).isFalse();
        assertThat(sqs.endpoint()).isEqualTo(moto.endpoint());
        assertThat(sqs.region()).isEqualTo("eu-west-1");
    }

    @Test
    void createsTheQueuePairWithRedrivePolicyAndFourteenDayDlq() {
        QueuePair pair = sqs.createQueueWithDlq("hires", 5, Duration.ofSeconds(30), false);

        assertThat(pair.queueArn()).startsWith("arn:aws:sqs:eu-west-1:").endsWith(":hires");
        assertThat(pair.dlqArn()).startsWith("arn:aws:sqs:eu-west-1:").endsWith(":hires-dlq");
        assertThat(sqs.attribute(pair.queueUrl(), QueueAttributeName.REDRIVE_POLICY))
                .contains(pair.dlqArn())
                .containsPattern("\"maxReceiveCount\":\\s*\"?5\"?");
        assertThat(sqs.attribute(pair.dlqUrl(), QueueAttributeName.MESSAGE_RETENTION_PERIOD)).isEqualTo("1209600");
    }

    @Test
    void aMessageReceivedMaxReceiveCountTimesLandsInTheDlqWithItsAttributes() {
        QueuePair pair = sqs.createQueueWithDlq("redrive", 2, Duration.ZERO, false);
        sqs.client().sendMessage(b -> b.queueUrl(pair.queueUrl()).messageBody("poison")
                .messageAttributes(Map.of("source", MessageAttributeValue.builder()
                        .dataType("String").stringValue("ats").build())));

        for (int receive = 1; receive <= 2; receive++) {
            assertThat(sqs.client().receiveMessage(b -> b.queueUrl(pair.queueUrl())).messages()).hasSize(1);
        }
        assertThat(sqs.client().receiveMessage(b -> b.queueUrl(pair.queueUrl())).messages()).isEmpty();

        List<Message> dead = sqs.receiveAll(pair.dlqUrl());
        assertThat(dead).extracting(Message::body).containsExactly("poison");
        assertThat(dead.get(0).messageAttributes().get("source").stringValue()).isEqualTo("ats");
        assertThat(dead.get(0).attributes()).containsKey(MessageSystemAttributeName.SENT_TIMESTAMP);
        assertThat(sqs.approximateCount(pair.queueUrl())).isZero();
    }

    @Test
    void theEventSourceMappingRunsAgainstMotoToo() throws InterruptedException {
        QueuePair pair = sqs.createQueueWithDlq("mapped", 2, Duration.ZERO, false);
        for (String body : List.of("ok-1", "poison", "ok-2")) {
            sqs.client().sendMessage(b -> b.queueUrl(pair.queueUrl()).messageBody(body));
        }
        List<String> seen = new CopyOnWriteArrayList<>();
        RequestHandler<SQSEvent, SQSBatchResponse> handler = (event, context) -> {
            event.getRecords().forEach(message -> seen.add(message.getBody()
                    + "#" + message.getAttributes().get("ApproximateReceiveCount")));
            return new SQSBatchResponse(event.getRecords().stream()
                    .filter(message -> message.getBody().equals("poison"))
                    .map(message -> new SQSBatchResponse.BatchItemFailure(message.getMessageId()))
                    .toList());
        };

        try (EventSourceMapping mapping = EventSourceMapping.builder(sqs.client(),
                EventSourceMappingSettings.forQueue(pair.queueArn()).withMaximumConcurrency(1),
                new RecordingHandler((event, context, invocation) -> handler.handleRequest(event, context)))
                .logSink(line -> { })
                .start()) {
            assertThat(mapping.awaitDrained(Duration.ofSeconds(30))).isTrue();
            assertThat(mapping.counters().messagesDeleted()).isEqualTo(2);
        }

        assertThat(seen).containsExactlyInAnyOrder("ok-1#1", "ok-2#1", "poison#1", "poison#2");
        assertThat(sqs.receiveAll(pair.dlqUrl())).extracting(Message::body).containsExactly("poison");
    }
}
