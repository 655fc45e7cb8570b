package dev.oktaprov.entrypoints.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.okta.OktaJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Lambda's SQS event JSON ({@code {"Records": [{"messageId", "receiptHandle", "body", "attributes",
 * "messageAttributes", "eventSourceARN", …}]}}) into the records; fields the functions do not use are skipped.
 */
final class SqsEventReader {

    private SqsEventReader() {}

    static SqsEvent read(InputStream in) throws IOException {
        JsonNode event = OktaJson.MAPPER.readTree(in);
        List<SqsMessage> records = new ArrayList<>();
        if (event == null || event.isMissingNode() || event.isNull()) {
            return new SqsEvent(records);
        }
        if (!event.isObject()) {
            throw new IOException("the event is not a JSON object");
        }
        if (event.path("Records").isArray()) {
            for (JsonNode record : event.get("Records")) {
                if (!record.isObject()) {
                    throw new IOException("a record is not a JSON object");
                }
                records.add(message(record));
            }
        }
        return new SqsEvent(records);
    }

    private static SqsMessage message(JsonNode record) throws IOException {
        String messageId = text(record.get("messageId"));
        if (messageId == null) {
            throw new IOException("an SQS record without a messageId");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> attribute : record.path("attributes").properties()) {
            String value = text(attribute.getValue());
            if (value != null) {
                attributes.put(attribute.getKey(), value);
            }
        }
        Map<String, SqsMessageAttribute> messageAttributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> attribute : record.path("messageAttributes").properties()) {
            // stringListValues, binaryListValues: reserved by SQS, always empty.
            JsonNode value = attribute.getValue();
            String dataType = text(value.get("dataType"));
            if (dataType != null) {
                messageAttributes.put(attribute.getKey(), new SqsMessageAttribute(dataType,
                        text(value.get("stringValue")), decode(text(value.get("binaryValue")))));
            }
        }
        return new SqsMessage(messageId, text(record.get("receiptHandle")), text(record.get("body")), attributes,
                messageAttributes, text(record.get("eventSourceARN")));
    }

    /** A scalar as text; null for null, an object or an array. */
    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    private static byte[] decode(String base64) throws IOException {
        try {
            return base64 == null ? null : Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IOException("a binary message attribute that is not base64");
        }
    }
}
