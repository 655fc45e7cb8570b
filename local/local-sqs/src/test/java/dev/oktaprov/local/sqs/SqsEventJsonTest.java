package dev.oktaprov.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.oktaprov.testsupport.SqsInvocation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** The event the mapping hands over, read by the Lambda Java runtime's own SQS event serializer. */
class SqsEventJsonTest {

    @Test
    void theEventJsonReadsBackIntoSqsEventWithEveryField() {
        Message message = Message.builder()
                .messageId("059f36b4-87a3-44ab-83d2-661975830a7d")
                .receiptHandle("AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a")
                .body("{\"login\":\"ada@example.com\"}")
                .md5OfBody("0d4b5bd6bd1b3f5d0b1d4f4e3d9b1a11")
                .attributesWithStrings(Map.of("ApproximateReceiveCount", "2",
                        "DeadLetterQueueSourceArn", "arn:aws:sqs:us-east-1:000000000000:hires"))
                .messageAttributes(Map.of("tags", MessageAttributeValue.builder()
                        .dataType("String.List").stringListValues("new-hire", "emea").build()))
                .build();

        String json = SqsEventJson.of(List.of(message), "arn:aws:sqs:us-east-1:000000000000:hires", "us-east-1");
        SQSEvent event = SqsInvocation.event(json.getBytes(StandardCharsets.UTF_8));

        SQSEvent.SQSMessage record = event.getRecords().get(0);
        assertThat(record.getMessageId()).isEqualTo("059f36b4-87a3-44ab-83d2-661975830a7d");
        assertThat(record.getReceiptHandle()).isEqualTo("AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a");
        assertThat(record.getMd5OfBody()).isEqualTo("0d4b5bd6bd1b3f5d0b1d4f4e3d9b1a11");
        assertThat(record.getAttributes()).containsEntry("ApproximateReceiveCount", "2")
                .containsEntry("DeadLetterQueueSourceArn", "arn:aws:sqs:us-east-1:000000000000:hires");
        assertThat(record.getMessageAttributes().get("tags").getStringListValues()).containsExactly("new-hire", "emea");
        assertThat(record.getMessageAttributes().get("tags").getBinaryListValues()).isEmpty();
        assertThat(record.getEventSource()).isEqualTo("aws:sqs");
        assertThat(record.getEventSourceArn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:hires");
        assertThat(record.getAwsRegion()).isEqualTo("us-east-1");
        assertThat(json).contains("\"eventSourceARN\"").contains("\"Records\"");
    }
}
