package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** A record of the SQS event as the function reads it. */
class QueueMessageTest {

    @Test
    void readsIdsBodyReceiveCountGroupAndAttributes() {
        SQSEvent.SQSMessage record = record("m-1", Map.of("ApproximateReceiveCount", " 3 ", "MessageGroupId", "hr"));
        record.setMessageAttributes(new LinkedHashMap<>(Map.of(
                "source", attribute("String", "ats", null),
                "blob", attribute("Binary", null, ByteBuffer.wrap("raw".getBytes(StandardCharsets.UTF_8))))));

        QueueMessage message = QueueMessage.of(record);

        assertThat(message.messageId()).isEqualTo("m-1");
        assertThat(message.receiptHandle()).isEqualTo("r-m-1");
        assertThat(message.body()).isEqualTo("{\"firstName\":\"Ann\"}");
        assertThat(message.receiveCount()).isEqualTo(3);
        assertThat(message.groupId()).isEqualTo("hr");
        assertThat(message.attributeText("source")).isEqualTo("ats");
        assertThat(message.attributeText("missing")).isNull();
        assertThat(message.messageAttributes().get("blob"))
                .isEqualTo(MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromUtf8String("raw")).build());
    }

    @Test
    void aMissingOrUnreadableReceiveCountIsTheFirstDelivery() {
        assertThat(QueueMessage.of(record("a", Map.of())).receiveCount()).isEqualTo(1);
        assertThat(QueueMessage.of(record("b", Map.of("ApproximateReceiveCount", "many"))).receiveCount()).isEqualTo(1);
        assertThat(QueueMessage.of(record("c", Map.of("ApproximateReceiveCount", "0"))).receiveCount()).isEqualTo(1);
        SQSEvent.SQSMessage noAttributes = record("d", Map.of());
        noAttributes.setAttributes(null);
        assertThat(QueueMessage.of(noAttributes).receiveCount()).isEqualTo(1);
        assertThat(QueueMessage.of(noAttributes).groupId()).isNull();
    }

    @Test
    void attributesWithoutAValueOrTypeAreNotCarried() {
        SQSEvent.SQSMessage record = record("m-1", Map.of());
        Map<String, SQSEvent.MessageAttribute> attributes = new HashMap<>();
        attributes.put("noType", attribute(null, "x", null));
        attributes.put("noValue", attribute("String", null, null));
        attributes.put("nothing", null);
        record.setMessageAttributes(attributes);

        assertThat(QueueMessage.of(record).messageAttributes()).isEmpty();
        record.setMessageAttributes(null);
        assertThat(QueueMessage.of(record).messageAttributes()).isEmpty();
    }

    @Test
    void everyRecordInOrderAndNoneForAnEmptyEvent() {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(record("m-1", Map.of()), record("m-2", Map.of())));

        assertThat(QueueMessage.allOf(event)).extracting(QueueMessage::messageId).containsExactly("m-1", "m-2");
        assertThat(QueueMessage.allOf(new SQSEvent())).isEmpty();
        assertThat(QueueMessage.allOf(null)).isEmpty();
    }

    private static SQSEvent.SQSMessage record(String id, Map<String, String> attributes) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(id);
        record.setReceiptHandle("r-" + id);
        record.setBody("{\"firstName\":\"Ann\"}");
        record.setAttributes(new HashMap<>(attributes));
        return record;
    }

    private static SQSEvent.MessageAttribute attribute(String type, String text, ByteBuffer binary) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType(type);
        attribute.setStringValue(text);
        attribute.setBinaryValue(binary);
        return attribute;
    }
}
