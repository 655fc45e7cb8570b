package dev.oktaprov.entrypoints.sqs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.oktaprov.okta.OktaJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Lambda's SQS event JSON ({@code {"Records": [{"messageId", "receiptHandle", "body",
 * "attributes", "messageAttributes", "eventSourceARN", …}]}}) with Jackson's streaming parser,
 * straight into the records; fields the functions do not use are skipped.
 */
final class SqsEventReader {

    private SqsEventReader() {}

    static SqsEvent read(InputStream in) throws IOException {
        List<SqsMessage> records = new ArrayList<>();
        try (JsonParser json = OktaJson.MAPPER.getFactory().createParser(in)) {
            JsonToken first = json.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                return new SqsEvent(records);
            }
            expect(json, first, JsonToken.START_OBJECT, "the event");
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("Records") && value == JsonToken.START_ARRAY) {
                    while (json.nextToken() != JsonToken.END_ARRAY) {
                        expect(json, json.currentToken(), JsonToken.START_OBJECT, "a record");
                        records.add(message(json));
                    }
                } else {
                    json.skipChildren();
                }
            }
        }
        return new SqsEvent(records);
    }

    private static SqsMessage message(JsonParser json) throws IOException {
        String messageId = null;
        String receiptHandle = null;
        String body = null;
        String eventSourceArn = null;
        Map<String, String> attributes = Map.of();
        Map<String, SqsMessageAttribute> messageAttributes = Map.of();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "messageId" -> messageId = text(json);
                case "receiptHandle" -> receiptHandle = text(json);
                case "body" -> body = text(json);
                case "eventSourceARN" -> eventSourceArn = text(json);
                case "attributes" -> attributes = value == JsonToken.START_OBJECT ? texts(json) : skip(json, Map.of());
                case "messageAttributes" -> messageAttributes = value == JsonToken.START_OBJECT
                        ? messageAttributes(json) : skip(json, Map.of());
                default -> json.skipChildren();
            }
        }
        if (messageId == null) {
            throw new IOException("an SQS record without a messageId" + at(json));
        }
        return new SqsMessage(messageId, receiptHandle, body, attributes, messageAttributes, eventSourceArn);
    }

    private static Map<String, String> texts(JsonParser json) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            String value = text(json);
            if (value != null) {
                texts.put(name, value);
            }
        }
        return texts;
    }

    private static Map<String, SqsMessageAttribute> messageAttributes(JsonParser json) throws IOException {
        Map<String, SqsMessageAttribute> attributes = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            if (json.nextToken() != JsonToken.START_OBJECT) {
                json.skipChildren();
                continue;
            }
            String dataType = null;
            String stringValue = null;
            String binaryValue = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "dataType" -> dataType = text(json);
                    case "stringValue" -> stringValue = text(json);
                    case "binaryValue" -> binaryValue = text(json);
                    // stringListValues, binaryListValues: reserved by SQS, always empty.
                    default -> json.skipChildren();
                }
            }
            if (dataType != null) {
                attributes.put(name, new SqsMessageAttribute(dataType, stringValue, decode(binaryValue, json)));
            }
        }
        return attributes;
    }

    /** A scalar as text, null for null; an object or array is skipped as null. */
    private static String text(JsonParser json) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            json.skipChildren();
            return null;
        }
        return token == JsonToken.VALUE_NULL ? null : json.getText();
    }

    private static byte[] decode(String base64, JsonParser json) throws IOException {
        if (base64 == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IOException("a binary message attribute that is not base64" + at(json));
        }
    }

    private static <T> T skip(JsonParser json, T empty) throws IOException {
        json.skipChildren();
        return empty;
    }

    private static void expect(JsonParser json, JsonToken actual, JsonToken expected, String what) throws IOException {
        if (actual != expected) {
            throw new IOException(what + " is not a JSON object" + at(json));
        }
    }

    private static String at(JsonParser json) {
        return " (line " + json.currentLocation().getLineNr() + ", column " + json.currentLocation().getColumnNr() + ")";
    }
}
