package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.entrypoints.sqs.SqsMessage;
import dev.oktaprov.entrypoints.sqs.SqsMessageAttribute;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A {@code carriedAttributes} attribute as a record brings it (a copy the function re-sent, or one a
 * producer forged): what it holds joins the message's attributes, but never over one the message has,
 * and an entry or a pack that cannot be read is left out rather than failing the message.
 */
class CarriedAttributesTest {

    @Test
    void readableEntriesJoinTheMessageButNeverReplaceOneItHas() {
        String packed = "{\"team\":{\"DataType\":\"String\",\"StringValue\":\"platform\"},"
                + "\"photo\":{\"DataType\":\"Binary\",\"BinaryValue\":\"cmF3\"},"
                + "\"source\":{\"DataType\":\"String\",\"StringValue\":\"forged\"},"
                + "\"untyped\":{\"StringValue\":\"x\"},"
                + "\"notBase64\":{\"DataType\":\"Binary\",\"BinaryValue\":\"%%\"},"
                + "\"noValue\":{\"DataType\":\"Number\"}}";

        Map<String, SqsMessageAttribute> attributes = read(Map.of("source", text("ats"), CarriedAttributes.NAME, text(packed)));

        assertThat(attributes).containsOnlyKeys("source", "team", "photo");
        assertThat(attributes.get("source").stringValue()).isEqualTo("ats");
        assertThat(attributes.get("team")).isEqualTo(new SqsMessageAttribute("String", "platform", null));
        assertThat(attributes.get("photo").dataType()).isEqualTo("Binary");
        assertThat(attributes.get("photo").binaryValue()).asString(StandardCharsets.UTF_8).isEqualTo("raw");
    }

    @Test
    void aPackThatIsNoJsonObjectAddsNothing() {
        for (String packed : new String[] {"not json", "[1,2]", "\"text\""}) {
            assertThat(read(Map.of("source", text("ats"), CarriedAttributes.NAME, text(packed)))).as(packed)
                    .containsOnlyKeys("source");
        }
        SqsMessageAttribute binaryPack = new SqsMessageAttribute("Binary", null, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(read(Map.of(CarriedAttributes.NAME, binaryPack))).isEmpty();
    }

    @Test
    void aPackedAttributeTravelsOnAsItCame() {
        Map<String, SqsMessageAttribute> producers = new LinkedHashMap<>();
        producers.put("photo", new SqsMessageAttribute("Binary", null, "raw".getBytes(StandardCharsets.UTF_8)));
        producers.put("count", new SqsMessageAttribute("Number", "17", null));

        Map<String, SqsMessageAttribute> attributes = read(Map.of(CarriedAttributes.NAME, CarriedAttributes.pack(producers)));

        assertThat(attributes).containsOnlyKeys("photo", "count");
        assertThat(attributes.get("count")).isEqualTo(new SqsMessageAttribute("Number", "17", null));
        assertThat(attributes.get("photo").binaryValue()).asString(StandardCharsets.UTF_8).isEqualTo("raw");
    }

    private static Map<String, SqsMessageAttribute> read(Map<String, SqsMessageAttribute> attributes) {
        return QueueMessage.of(new SqsMessage("m-1", "r-1", "{}", Map.of(), attributes,
                "arn:aws:sqs:us-east-1:000000000000:onboarding")).messageAttributes();
    }

    private static SqsMessageAttribute text(String value) {
        return new SqsMessageAttribute("String", value, null);
    }
}
