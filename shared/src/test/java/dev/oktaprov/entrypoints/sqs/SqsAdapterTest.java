package dev.oktaprov.entrypoints.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import dev.oktaprov.entrypoints.SampleEvents;
import dev.oktaprov.entrypoints.InvocationContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQS trigger on the sample batches, judged by the Lambda runtime's own SQS event serializer. */
class SqsAdapterTest {

    private static final PojoSerializer<SQSEvent> LAMBDA_EVENTS =
            LambdaEventSerializers.serializerFor(SQSEvent.class, SqsAdapterTest.class.getClassLoader());
    private static final PojoSerializer<SQSBatchResponse> LAMBDA_RESPONSES =
            JacksonFactory.getInstance().getSerializer(SQSBatchResponse.class);

    private static SqsEvent read(byte[] json) throws Exception {
        return SqsEventReader.read(new ByteArrayInputStream(json));
    }

    @Test
    void readsEverySampleAsTheLambdaRuntimeReadsIt() throws Exception {
        List<String> samples = SampleEvents.named("sqs-");
        assertThat(samples).contains("sqs-onboarding-batch.json", "sqs-onboarding-fifo.json");
        for (String name : samples) {
            SQSEvent lambdas = LAMBDA_EVENTS.fromJson(new ByteArrayInputStream(SampleEvents.bytes(name)));
            SqsEvent ours = read(SampleEvents.bytes(name));

            assertThat(ours.records()).as(name).hasSameSizeAs(lambdas.getRecords());
            for (int i = 0; i < ours.records().size(); i++) {
                SqsMessage message = ours.records().get(i);
                SQSEvent.SQSMessage expected = lambdas.getRecords().get(i);
                assertThat(message.messageId()).isEqualTo(expected.getMessageId());
                assertThat(message.receiptHandle()).isEqualTo(expected.getReceiptHandle());
                assertThat(message.body()).isEqualTo(expected.getBody());
                assertThat(message.attributes()).isEqualTo(expected.getAttributes());
                assertThat(message.eventSourceArn()).isEqualTo(expected.getEventSourceArn());
                assertThat(message.messageAttributes().keySet()).isEqualTo(expected.getMessageAttributes().keySet());
                expected.getMessageAttributes().forEach((attribute, value) -> {
                    SqsMessageAttribute read = message.messageAttributes().get(attribute);
                    assertThat(read.dataType()).isEqualTo(value.getDataType());
                    assertThat(read.stringValue()).isEqualTo(value.getStringValue());
                    assertThat(read.binaryValue()).isEqualTo(bytes(value.getBinaryValue()));
                });
            }
            assertThat(ours.eventSourceArn()).isEqualTo(lambdas.getRecords().get(0).getEventSourceArn());
        }
    }

    @Test
    void aFifoRedeliveryCarriesItsGroupTraceAndAttributes() throws Exception {
        SqsMessage message = read(SampleEvents.bytes("sqs-onboarding-fifo.json")).records().get(0);

        assertThat(message.attribute(SqsMessage.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("3");
        assertThat(message.attribute(SqsMessage.MESSAGE_GROUP_ID)).isEqualTo("hr-sync-emea");
        assertThat(message.attribute("AWSTraceHeader")).startsWith("Root=1-67c42e6d-");
        assertThat(message.messageAttributes()).containsOnlyKeys("sourceLine", "producer", "badge");
        assertThat(message.messageAttributes().get("sourceLine").dataType()).isEqualTo("Number");
        assertThat(message.messageAttributes().get("sourceLine").stringValue()).isEqualTo("17");
        assertThat(message.messageAttributes().get("badge").dataType()).isEqualTo("Binary.png");
        assertThat(message.messageAttributes().get("badge").binaryValue()).containsExactly(0, 1, 2, 253, 254, 255);
        assertThat(message.toString()).doesNotContain("Lovelace").doesNotContain("hr-sync-emea");
    }

    @Test
    void noEventOrNoRecordsIsAnEmptyBatch() throws Exception {
        for (String empty : List.of("", "null", "{}", "{\"Records\":[]}", "{\"Records\":null}")) {
            assertThat(read(empty.getBytes(StandardCharsets.UTF_8)).records()).as(empty).isEmpty();
        }
    }

    @Test
    void answersWithThePartialBatchResponseTheRuntimeReads() throws Exception {
        List<SqsEvent> seen = new ArrayList<>();
        List<Context> contexts = new ArrayList<>();
        SqsAdapter adapter = new SqsAdapter((event, context) -> {
            seen.add(event);
            contexts.add(context);
            return event.records().stream().skip(1).map(SqsMessage::messageId).toList();
        });
        Context context = InvocationContext.of("onboarding");

        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        adapter.handle(new ByteArrayInputStream(SampleEvents.bytes("sqs-onboarding-batch.json")), answer, context);

        assertThat(seen.get(0).records()).extracting(SqsMessage::messageId).containsExactly(
                "2e1424d4-f796-459a-8184-9c92662be6da", "6a0b3c5e-9d1f-4f8e-b7a2-3c4d5e6f7a81", "c3d2e1f0-8b7a-4c6d-9e5f-1a2b3c4d5e6f");
        assertThat(contexts).containsExactly(context);
        assertThat(answer.toString(StandardCharsets.UTF_8)).isEqualTo("{\"batchItemFailures\":["
                + "{\"itemIdentifier\":\"6a0b3c5e-9d1f-4f8e-b7a2-3c4d5e6f7a81\"},"
                + "{\"itemIdentifier\":\"c3d2e1f0-8b7a-4c6d-9e5f-1a2b3c4d5e6f\"}]}");
        SQSBatchResponse read = LAMBDA_RESPONSES.fromJson(new ByteArrayInputStream(answer.toByteArray()));
        assertThat(read.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("6a0b3c5e-9d1f-4f8e-b7a2-3c4d5e6f7a81", "c3d2e1f0-8b7a-4c6d-9e5f-1a2b3c4d5e6f");

        ByteArrayOutputStream none = new ByteArrayOutputStream();
        byte[] batch = SampleEvents.bytes("sqs-onboarding-batch.json");
        new SqsAdapter((event, settled) -> List.of()).handle(new ByteArrayInputStream(batch), none, context);
        assertThat(none.toString(StandardCharsets.UTF_8)).isEqualTo("{\"batchItemFailures\":[]}");
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
