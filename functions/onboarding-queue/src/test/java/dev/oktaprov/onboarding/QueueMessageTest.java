package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.entrypoints.sqs.SqsEvent;
import dev.oktaprov.entrypoints.sqs.SqsMessage;
import dev.oktaprov.entrypoints.sqs.SqsMessageAttribute;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A record of the SQS event as the function reads it. */
class QueueMessageTest {

    @Test
    void readsIdsBodyReceiveCountGroupAndAttributes() {
        Map<String, SqsMessageAttribute> attributes = new LinkedHashMap<>();
        attributes.put("source", new SqsMessageAttribute("String", "ats", null));
        attributes.put("blob", new SqsMessageAttribute("Binary", null, "raw".getBytes(StandardCharsets.UTF_8)));

        QueueMessage message = QueueMessage.of(record("m-1", Map.of("ApproximateReceiveCount", " 3 ", "MessageGroupId", "hr"),
                attributes));

        assertThat(message.messageId()).isEqualTo("m-1");
        assertThat(message.receiptHandle()).isEqualTo("r-m-1");
        assertThat(message.body()).isEqualTo("{\"firstName\":\"Ann\"}");
        assertThat(message.receiveCount()).isEqualTo(3);
        assertThat(message.groupId()).isEqualTo("hr");
        assertThat(message.attributeText("source")).isEqualTo("ats");
        assertThat(message.attributeText("missing")).isNull();
        assertThat(message.messageAttributes().get("blob")).satisfies(blob -> {
            assertThat(blob.dataType()).isEqualTo("Binary");
            assertThat(blob.binaryValue()).asString(StandardCharsets.UTF_8).isEqualTo("raw");
        });
    }

    @Test
    void aMissingOrUnreadableReceiveCountIsTheFirstDelivery() {
        assertThat(QueueMessage.of(record("a", Map.of(), null)).receiveCount()).isEqualTo(1);
        assertThat(QueueMessage.of(record("b", Map.of("ApproximateReceiveCount", "many"), null)).receiveCount()).isEqualTo(1);
        assertThat(QueueMessage.of(record("c", Map.of("ApproximateReceiveCount", "0"), null)).receiveCount()).isEqualTo(1);
        QueueMessage noAttributes = QueueMessage.of(record("d", null, null));
        assertThat(noAttributes.receiveCount()).isEqualTo(1);
        assertThat(noAttributes.groupId()).isNull();
    }

    @Test
    void attributesWithoutAValueAreNotCarried() {
        Map<String, SqsMessageAttribute> attributes = new HashMap<>();
        attributes.put("noValue", new SqsMessageAttribute("String", null, null));
        attributes.put("listOnly", new SqsMessageAttribute("Binary", null, null));

        assertThat(QueueMessage.of(record("m-1", Map.of(), attributes)).messageAttributes()).isEmpty();
        assertThat(QueueMessage.of(record("m-2", Map.of(), null)).messageAttributes()).isEmpty();
    }

    @Test
    void everyRecordInOrderAndNoneForAnEmptyEvent() {
        SqsEvent event = new SqsEvent(List.of(record("m-1", Map.of(), null), record("m-2", Map.of(), null)));

        assertThat(QueueMessage.allOf(event)).extracting(QueueMessage::messageId).containsExactly("m-1", "m-2");
        assertThat(QueueMessage.allOf(new SqsEvent(List.of()))).isEmpty();
    }

    private static SqsMessage record(String id, Map<String, String> attributes, Map<String, SqsMessageAttribute> messageAttributes) {
        return new SqsMessage(id, "r-" + id, "{\"firstName\":\"Ann\"}", attributes, messageAttributes,
                "arn:aws:sqs:us-east-1:000000000000:onboarding");
    }
}
