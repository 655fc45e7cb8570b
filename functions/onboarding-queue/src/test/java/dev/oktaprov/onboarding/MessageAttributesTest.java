package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import java.nio.charset.StandardCharsets;
import dev.oktaprov.entrypoints.sqs.SqsMessageAttribute;

/** The attributes a DLQ message or a re-sent copy carries: what SQS accepts, and the producer's own kept. */
class MessageAttributesTest {

    @Test
    void textIsLeftOutWhenEmptyAndCutAt1024Characters() {
        Map<String, SqsMessageAttribute> attributes = new LinkedHashMap<>();
        MessageAttributes.putText(attributes, "none", null);
        MessageAttributes.putText(attributes, "empty", "");
        MessageAttributes.putText(attributes, "fits", "x".repeat(1024));
        MessageAttributes.putText(attributes, "cut", "y".repeat(1025));

        assertThat(attributes).containsOnlyKeys("fits", "cut");
        assertThat(attributes.get("fits").stringValue()).isEqualTo("x".repeat(1024));
        assertThat(attributes.get("cut").stringValue()).isEqualTo("y".repeat(1023) + "…");
        assertThat(attributes.get("cut").dataType()).isEqualTo("String");
    }

    @Test
    void numbersAreNumberAttributes() {
        Map<String, SqsMessageAttribute> attributes = new LinkedHashMap<>();
        MessageAttributes.putNumber(attributes, "attempts", 3);

        assertThat(attributes.get("attempts")).isEqualTo(new SqsMessageAttribute("Number", "3", null));
    }

    @Test
    void charactersSqsRefusesBecomeTheReplacementCharacterAndEveryOtherIsKept() {
        String allowed = "\t\n\r !~\u00e9\ud7ff\ue000\ufffd\uD800\uDC00\uD83D\uDE00";
        String refused = "\u0000\u0008\u000b\u000c\u000e\u001f\ufffe\uffff";

        assertThat(MessageAttributes.sqsText(allowed)).isEqualTo(allowed);
        assertThat(MessageAttributes.sqsText(refused)).isEqualTo("\ufffd".repeat(refused.length()));
        assertThat(MessageAttributes.sqsText("a\uD800b")).as("a lone surrogate").isEqualTo("a\ufffdb");
    }

    @Test
    void oursComeFirstThenTheProducersUpToTenTheRestPackedAndNeverOneOfOurNames() {
        Map<String, SqsMessageAttribute> producers = new LinkedHashMap<>();
        producers.put("errorCode", text("forged"));
        producers.put("source", text("ats"));
        for (int i = 1; i <= 9; i++) {
            producers.put("p" + i, text("v" + i));
        }
        Map<String, SqsMessageAttribute> ours = new LinkedHashMap<>();
        MessageAttributes.putText(ours, MessageAttributes.ERROR_CODE, "INVALID_INPUT");
        MessageAttributes.putText(ours, MessageAttributes.SOURCE_MESSAGE_ID, "m-1");

        Map<String, SqsMessageAttribute> all = MessageAttributes.withProducerAttributes(ours, message(producers));

        assertThat(all.keySet()).containsExactly("errorCode", "sourceMessageId", "source", "p1", "p2", "p3", "p4", "p5", "p6",
                CarriedAttributes.NAME);
        assertThat(all.get("errorCode").stringValue()).isEqualTo("INVALID_INPUT");
        assertThat(CarriedAttributes.unpack(Map.of(CarriedAttributes.NAME, all.get(CarriedAttributes.NAME))))
                .as("the rest packed, none dropped, the forged errorCode not among them")
                .containsExactly(Map.entry("p7", text("v7")), Map.entry("p8", text("v8")), Map.entry("p9", text("v9")));
        assertThat(ours).as("ours untouched").hasSize(2);
    }

    @Test
    void producersThatExactlyFillTheRoomBesideOursTravelAsTheyAreWithNothingPacked() {
        Map<String, SqsMessageAttribute> producers = new LinkedHashMap<>();
        for (int i = 1; i <= 8; i++) {
            producers.put("p" + i, text("v" + i));
        }
        Map<String, SqsMessageAttribute> ours = new LinkedHashMap<>();
        MessageAttributes.putText(ours, MessageAttributes.ERROR_CODE, "INVALID_INPUT");
        MessageAttributes.putText(ours, MessageAttributes.SOURCE_MESSAGE_ID, "m-1");

        assertThat(MessageAttributes.withProducerAttributes(ours, message(producers)).keySet())
                .containsExactly("errorCode", "sourceMessageId", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8");
    }

    @Test
    void binaryProducerAttributesTravelToo() {
        SqsMessageAttribute binary = new SqsMessageAttribute("Binary", null, "raw".getBytes(StandardCharsets.UTF_8));

        assertThat(MessageAttributes.withProducerAttributes(Map.of(), message(Map.of("blob", binary))))
                .containsExactly(Map.entry("blob", binary));
    }

    @Test
    void theOriginalIdAndThrottleCountTravelThroughReSends() {
        QueueMessage first = message(Map.of());
        QueueMessage copy = message(Map.of(MessageAttributes.ORIGINAL_MESSAGE_ID, text("m-original"),
                MessageAttributes.THROTTLE_COUNT, number("3")));

        assertThat(MessageAttributes.originalMessageId(first)).isEqualTo("m-1");
        assertThat(MessageAttributes.originalMessageId(copy)).isEqualTo("m-original");
        assertThat(MessageAttributes.throttleCount(first)).isZero();
        assertThat(MessageAttributes.throttleCount(copy)).isEqualTo(3);
        assertThat(MessageAttributes.throttleCount(message(Map.of(MessageAttributes.THROTTLE_COUNT, number(" 7 "))))).isEqualTo(7);
        assertThat(MessageAttributes.throttleCount(message(Map.of(MessageAttributes.THROTTLE_COUNT, number("-2"))))).isZero();
        assertThat(MessageAttributes.throttleCount(message(Map.of(MessageAttributes.THROTTLE_COUNT, text("many"))))).isZero();
    }

    private static QueueMessage message(Map<String, SqsMessageAttribute> attributes) {
        return new QueueMessage("m-1", "r-1", "{}", 1, null, attributes);
    }

    private static SqsMessageAttribute text(String value) {
        return new SqsMessageAttribute("String", value, null);
    }

    private static SqsMessageAttribute number(String value) {
        return new SqsMessageAttribute("Number", value, null);
    }
}
