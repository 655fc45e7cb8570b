package dev.oktaprov.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.okta.OktaJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** A producer that uses all 10 message attributes SQS allows, and reading them back off a copy. */
final class ProducerAttributes {

    private ProducerAttributes() {}

    /** Ten attributes of every data type: String, Number, Binary and custom ones. */
    static Map<String, MessageAttributeValue> ten() {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        for (int i = 1; i <= 7; i++) {
            attributes.put("hr" + i, text("String", "value " + i));
        }
        attributes.put("sourceLine", text("Number", "17"));
        attributes.put("sourceSystem", text("String.workday", "Workday \"EU\""));
        attributes.put("checksum", MessageAttributeValue.builder().dataType("Binary")
                .binaryValue(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xfe, (byte) 0xff})).build());
        return attributes;
    }

    /** The attributes as they are on a message, with those it carries packed unpacked, ours left out. */
    static Map<String, MessageAttributeValue> producersOf(Map<String, MessageAttributeValue> onMessage) {
        Map<String, MessageAttributeValue> producers = new LinkedHashMap<>(onMessage);
        producers.keySet().removeAll(MessageAttributes.RESERVED);
        MessageAttributeValue carried = onMessage.get("carriedAttributes");
        if (carried != null) {
            read(carried.stringValue()).fields().forEachRemaining(field -> producers.put(field.getKey(),
                    field.getValue().has("BinaryValue")
                            ? MessageAttributeValue.builder().dataType(field.getValue().get("DataType").asText())
                                    .binaryValue(SdkBytes.fromByteArray(Base64.getDecoder().decode(
                                            field.getValue().get("BinaryValue").asText()))).build()
                            : text(field.getValue().get("DataType").asText(), field.getValue().get("StringValue").asText())));
        }
        return producers;
    }

    private static JsonNode read(String json) {
        try {
            return OktaJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageAttributeValue text(String dataType, String value) {
        return MessageAttributeValue.builder().dataType(dataType).stringValue(value).build();
    }
}
