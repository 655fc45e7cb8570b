package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.local.sqs.QueuePair;
import dev.oktaprov.testsupport.MutableClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import dev.oktaprov.entrypoints.sqs.SqsMessageAttribute;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** A permanent failure as the DLQ receives it (ElasticMQ): the body, cleaned, and the reason in attributes. */
class DeadLetterQueueTest {

    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();
    private static final AtomicInteger QUEUE_NUMBER = new AtomicInteger();

    private final MutableClock clock = MutableClock.at("2026-03-02T09:15:00Z");

    @Test
    void everyAttributeOfAFailureWithAPasswordRemoved() {
        QueuePair queues = queues(false);
        Map<String, SqsMessageAttribute> producers = new LinkedHashMap<>();
        producers.put("source", text("ats"));
        producers.put("errorCode", text("forged by the producer"));
        QueueMessage message = new QueueMessage("m-copy", "r-1", "{\"login\":\"ann@example.com\",\"password\":\"s3cret\"}", 2, null,
                withOriginal(producers, "m-original"));

        boolean sent = dlq(queues.dlqUrl(), false).send(message,
                new Failure(Failure.Kind.PERMANENT, "LOGIN_CONFLICT", "The login already belongs to someone else", "req-409", null));

        assertThat(sent).isTrue();
        Message dead = single(queues.dlqUrl());
        assertThat(dead.body()).isEqualTo("{\"login\":\"ann@example.com\"}");
        assertThat(texts(dead)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "errorCode", "LOGIN_CONFLICT",
                "errorMessage", "The login already belongs to someone else",
                "oktaRequestId", "req-409",
                "attempts", "2",
                "sourceMessageId", "m-copy",
                "failedAt", "2026-03-02T09:15:00Z",
                "removedFields", "password",
                "originalMessageId", "m-original",
                "source", "ats"));
        assertThat(dead.messageAttributes().get("attempts").dataType()).isEqualTo("Number");
        assertThat(dead.attributes()).as("a standard DLQ: no message group (SQS would make it a fair-queue tenant)")
                .doesNotContainKey(MessageSystemAttributeName.MESSAGE_GROUP_ID);
    }

    @Test
    void aBodyThatIsNotJsonAndMentionsAPasswordIsWithheld() {
        QueuePair queues = queues(false);
        QueueMessage message = new QueueMessage("m-1", "r-1", "{\"password\":\"s3cret\",", 1, null, Map.of());

        dlq(queues.dlqUrl(), false).send(message, Failure.permanent(Failure.MALFORMED_JSON, "The message body is not well-formed JSON"));

        Message dead = single(queues.dlqUrl());
        assertThat(dead.body()).isEqualTo(DeadLetterBody.WITHHELD_NOTE);
        assertThat(texts(dead)).containsEntry("bodyWithheld", "true").containsEntry("errorCode", "MALFORMED_JSON")
                .doesNotContainKeys("removedFields", "oktaRequestId", "originalMessageId");
    }

    @Test
    void aFifoDlqKeepsTheMessagesGroupAndDeduplicatesByItsId() {
        QueuePair queues = queues(true);
        QueueMessage grouped = new QueueMessage("m-1", "r-1", "{}", 1, "hr-sync", Map.of());
        QueueMessage ungrouped = new QueueMessage("m-2", "r-2", "{}", 1, null, Map.of());
        DeadLetterQueue dlq = dlq(queues.dlqUrl(), true);

        assertThat(dlq.send(grouped, Failure.permanent("INVALID_INPUT", "bad"))).isTrue();
        assertThat(dlq.send(grouped, Failure.permanent("INVALID_INPUT", "bad"))).as("a redelivery, deduplicated").isTrue();
        assertThat(dlq.send(ungrouped, Failure.permanent("INVALID_INPUT", "bad"))).isTrue();

        List<Message> dead = SQS.sqs().receiveAll(queues.dlqUrl());
        assertThat(dead).extracting(m -> m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                .containsExactlyInAnyOrder("hr-sync", "onboarding-dead-letters");
    }

    @Test
    void aDlqThatRefusesIsReported() {
        QueuePair queues = queues(false);

        assertThat(dlq(queues.dlqUrl() + "-gone", false).send(new QueueMessage("m-1", "r-1", "{}", 1, null, Map.of()),
                Failure.permanent("INVALID_INPUT", "bad"))).isFalse();
    }

    private DeadLetterQueue dlq(String url, boolean fifo) {
        return new DeadLetterQueue(SQS::calls, url, fifo, clock);
    }

    private static QueuePair queues(boolean fifo) {
        return SQS.sqs().createQueueWithDlq("dlq-" + QUEUE_NUMBER.incrementAndGet() + (fifo ? ".fifo" : ""), 5,
                Duration.ofSeconds(30), fifo);
    }

    private static Message single(String url) {
        List<Message> dead = SQS.sqs().receiveAll(url);
        assertThat(dead).hasSize(1);
        return dead.get(0);
    }

    private static Map<String, String> texts(Message message) {
        Map<String, String> texts = new LinkedHashMap<>();
        message.messageAttributes().forEach((name, value) -> texts.put(name, value.stringValue()));
        return texts;
    }

    private static Map<String, SqsMessageAttribute> withOriginal(Map<String, SqsMessageAttribute> producers, String original) {
        Map<String, SqsMessageAttribute> all = new LinkedHashMap<>(producers);
        all.put(MessageAttributes.ORIGINAL_MESSAGE_ID, text(original));
        return all;
    }

    private static SqsMessageAttribute text(String value) {
        return new SqsMessageAttribute("String", value, null);
    }
}
