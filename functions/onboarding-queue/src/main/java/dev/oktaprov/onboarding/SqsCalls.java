package dev.oktaprov.onboarding;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.aws.AwsJsonClient;
import dev.oktaprov.entrypoints.sqs.SqsMessageAttribute;
import dev.oktaprov.okta.OktaJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SendMessage (to the DLQ), SendMessageBatch (delayed copies) and ChangeMessageVisibilityBatch in SQS's
 * JSON 1.0 protocol, no AWS SDK in the jar. A call without a usable answer throws.
 */
public final class SqsCalls {

    static final String SEND_MESSAGE = "AmazonSQS.SendMessage";
    static final String SEND_MESSAGE_BATCH = "AmazonSQS.SendMessageBatch";
    static final String CHANGE_MESSAGE_VISIBILITY_BATCH = "AmazonSQS.ChangeMessageVisibilityBatch";
    // The client's own call timeout bounds each call, as the SDK's did; no invocation deadline is passed down.
    private static final Duration NO_DEADLINE = Duration.ofMinutes(15);
    private static final JsonFactory JSON = new JsonFactory();

    /** One message of a {@code SendMessageBatch}, identified by {@code id} within the call. */
    record SendEntry(String id, String body, int delaySeconds, Map<String, SqsMessageAttribute> attributes) {}

    /** One receipt handle of a {@code ChangeMessageVisibilityBatch}, identified by {@code id} within the call. */
    record VisibilityEntry(String id, String receiptHandle, int visibilityTimeoutSeconds) {}

    /** An entry SQS did not take, with its error code. */
    record Failed(String id, String code) {}

    /** What SQS said about each entry of a batch call. */
    record BatchResult(List<String> successful, List<Failed> failed) {}

    private final AwsJsonClient client;
    private final Optional<URI> endpointOverride;

    SqsCalls(AwsJsonClient client, Optional<URI> endpointOverride) {
        this.client = client;
        this.endpointOverride = endpointOverride;
    }

    /** The endpoint the client was pointed at (ElasticMQ, moto_server, LocalStack), if any: queue URLs live under it. */
    Optional<URI> endpointOverride() {
        return endpointOverride;
    }

    /** {@code groupId} and {@code deduplicationId} only for FIFO queues, else null. */
    void sendMessage(String queueUrl, String body, Map<String, SqsMessageAttribute> attributes, String groupId,
            String deduplicationId) {
        client.call(SEND_MESSAGE, write(json -> {
            json.writeStringField("QueueUrl", queueUrl);
            json.writeStringField("MessageBody", body);
            writeAttributes(json, attributes);
            if (groupId != null) {
                json.writeStringField("MessageGroupId", groupId);
            }
            if (deduplicationId != null) {
                json.writeStringField("MessageDeduplicationId", deduplicationId);
            }
        }), NO_DEADLINE);
    }

    BatchResult sendMessageBatch(String queueUrl, List<SendEntry> entries) {
        return batch(SEND_MESSAGE_BATCH, queueUrl, json -> {
            for (SendEntry entry : entries) {
                json.writeStartObject();
                json.writeStringField("Id", entry.id());
                json.writeStringField("MessageBody", entry.body());
                json.writeNumberField("DelaySeconds", entry.delaySeconds());
                writeAttributes(json, entry.attributes());
                json.writeEndObject();
            }
        });
    }

    BatchResult changeMessageVisibilityBatch(String queueUrl, List<VisibilityEntry> entries) {
        return batch(CHANGE_MESSAGE_VISIBILITY_BATCH, queueUrl, json -> {
            for (VisibilityEntry entry : entries) {
                json.writeStartObject();
                json.writeStringField("Id", entry.id());
                json.writeStringField("ReceiptHandle", entry.receiptHandle());
                json.writeNumberField("VisibilityTimeout", entry.visibilityTimeoutSeconds());
                json.writeEndObject();
            }
        });
    }

    private BatchResult batch(String target, String queueUrl, Fields entries) {
        byte[] answer = client.call(target, write(json -> {
            json.writeStringField("QueueUrl", queueUrl);
            json.writeArrayFieldStart("Entries");
            entries.write(json);
            json.writeEndArray();
        }), NO_DEADLINE);
        return batchResult(answer);
    }

    /** {@code {"Successful": [{"Id": …}], "Failed": [{"Id": …, "Code": …}]}}; either list may be missing. */
    static BatchResult batchResult(byte[] answer) {
        JsonNode root;
        try {
            // An empty answer reads as a MissingNode, never null.
            root = OktaJson.MAPPER.readTree(answer);
        } catch (IOException e) {
            throw new IllegalStateException("SQS's answer is not JSON");
        }
        if (!root.isObject()) {
            throw new IllegalStateException("SQS's answer is not a JSON object");
        }
        List<String> successful = new ArrayList<>();
        root.path("Successful").forEach(entry -> successful.add(entry.path("Id").asText()));
        List<Failed> failed = new ArrayList<>();
        root.path("Failed").forEach(entry -> failed.add(new Failed(entry.path("Id").asText(), entry.path("Code").asText(null))));
        return new BatchResult(successful, failed);
    }

    private static void writeAttributes(JsonGenerator json, Map<String, SqsMessageAttribute> attributes) throws IOException {
        if (attributes.isEmpty()) {
            return;
        }
        json.writeObjectFieldStart("MessageAttributes");
        for (Map.Entry<String, SqsMessageAttribute> attribute : attributes.entrySet()) {
            SqsMessageAttribute value = attribute.getValue();
            json.writeObjectFieldStart(attribute.getKey());
            json.writeStringField("DataType", value.dataType());
            byte[] binary = value.binaryValue();
            if (binary != null) {
                json.writeStringField("BinaryValue", Base64.getEncoder().encodeToString(binary));
            } else {
                json.writeStringField("StringValue", value.stringValue());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] write(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
