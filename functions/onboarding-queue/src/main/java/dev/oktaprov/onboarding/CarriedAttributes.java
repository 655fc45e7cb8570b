package dev.oktaprov.onboarding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktaprov.entrypoints.sqs.SqsMessageAttribute;
import dev.oktaprov.okta.OktaJson;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's message attributes that do not fit beside ours (SQS takes at most 10 per message),
 * packed into one String attribute, {@code carriedAttributes}:
 * {@code {"name": {"DataType": "Number", "StringValue": "17"}, "photo": {"DataType": "Binary",
 * "BinaryValue": "<base64>"}}}. The function unpacks it when it reads a message, so a message keeps
 * every attribute through any number of re-sends and into the DLQ.
 */
final class CarriedAttributes {

    static final String NAME = "carriedAttributes";

    private static final Logger LOG = LoggerFactory.getLogger(CarriedAttributes.class);
    private static final String DATA_TYPE = "DataType";
    private static final String STRING_VALUE = "StringValue";
    private static final String BINARY_VALUE = "BinaryValue";

    private CarriedAttributes() {}

    /** The attributes as one String attribute value. */
    static SqsMessageAttribute pack(Map<String, SqsMessageAttribute> attributes) {
        ObjectNode packed = OktaJson.MAPPER.createObjectNode();
        attributes.forEach((name, value) -> {
            ObjectNode entry = packed.putObject(name);
            entry.put(DATA_TYPE, value.dataType());
            if (value.binaryValue() != null) {
                entry.put(BINARY_VALUE, Base64.getEncoder().encodeToString(value.binaryValue()));
            } else {
                entry.put(STRING_VALUE, value.stringValue());
            }
        });
        return new SqsMessageAttribute("String", packed.toString(), null);
    }

    /**
     * {@code attributes} with a {@code carriedAttributes} entry replaced by what it holds. A name
     * already present, or an entry that cannot be read, is left out (and logged by name only).
     */
    static Map<String, SqsMessageAttribute> unpack(Map<String, SqsMessageAttribute> attributes) {
        SqsMessageAttribute carried = attributes.get(NAME);
        if (carried == null) {
            return attributes;
        }
        Map<String, SqsMessageAttribute> all = new LinkedHashMap<>(attributes);
        all.remove(NAME);
        JsonNode packed = read(carried.stringValue());
        packed.fields().forEachRemaining(field -> {
            SqsMessageAttribute value = valueOf(field.getValue());
            if (value == null || all.containsKey(field.getKey())) {
                LOG.warn("Ignoring carried message attribute {}: unreadable or already present", field.getKey());
            } else {
                all.put(field.getKey(), value);
            }
        });
        return all;
    }

    private static JsonNode read(String text) {
        try {
            JsonNode node = text == null ? null : OktaJson.MAPPER.readTree(text);
            return node != null && node.isObject() ? node : OktaJson.MAPPER.createObjectNode();
        } catch (JsonProcessingException e) {
            LOG.warn("Ignoring {}: not a JSON object", NAME);
            return OktaJson.MAPPER.createObjectNode();
        }
    }

    private static SqsMessageAttribute valueOf(JsonNode entry) {
        String dataType = entry.path(DATA_TYPE).asText("");
        if (dataType.isEmpty()) {
            return null;
        }
        if (entry.path(BINARY_VALUE).isTextual()) {
            try {
                return new SqsMessageAttribute(dataType, null, Base64.getDecoder().decode(entry.get(BINARY_VALUE).asText()));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return entry.path(STRING_VALUE).isTextual() ? new SqsMessageAttribute(dataType, entry.get(STRING_VALUE).asText(), null) : null;
    }
}
