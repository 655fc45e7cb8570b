package dev.oktaprov.onboarding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** The message attributes this function writes, and the producer's ones it carries along. */
final class MessageAttributes {

    static final String ERROR_CODE = "errorCode";
    static final String ERROR_MESSAGE = "errorMessage";
    static final String OKTA_REQUEST_ID = "oktaRequestId";
    static final String ATTEMPTS = "attempts";
    static final String SOURCE_MESSAGE_ID = "sourceMessageId";
    static final String FAILED_AT = "failedAt";
    static final String REMOVED_FIELDS = "removedFields";
    static final String BODY_WITHHELD = "bodyWithheld";
    static final String ORIGINAL_MESSAGE_ID = "originalMessageId";
    static final String THROTTLE_COUNT = "throttleCount";

    /** Ours: a producer's attribute of the same name is never copied (e.g. from a redriven message). */
    static final Set<String> RESERVED = Set.of(ERROR_CODE, ERROR_MESSAGE, OKTA_REQUEST_ID, ATTEMPTS,
            SOURCE_MESSAGE_ID, FAILED_AT, REMOVED_FIELDS, BODY_WITHHELD, ORIGINAL_MESSAGE_ID, THROTTLE_COUNT,
            CarriedAttributes.NAME);

    /** SQS accepts at most 10 message attributes per message. */
    static final int MAX_PER_MESSAGE = 10;

    private static final int MAX_TEXT = 1024;

    private MessageAttributes() {}

    /** A String attribute; null or empty values are left out (SQS refuses empty ones). */
    static void putText(Map<String, MessageAttributeValue> attributes, String name, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        String text = value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT - 1) + "…";
        attributes.put(name, MessageAttributeValue.builder().dataType("String").stringValue(sqsText(text)).build());
    }

    /**
     * SQS refuses a whole message over one character outside #x9, #xA, #xD, #x20-#xD7FF,
     * #xE000-#xFFFD and the supplementary planes; a field name in an error message may hold one
     * (a JSON escape such as \u0000 in the body). Such characters become U+FFFD.
     */
    static String sqsText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000 ? c : 0xFFFD));
        return out.toString();
    }

    static void putNumber(Map<String, MessageAttributeValue> attributes, String name, long value) {
        attributes.put(name, MessageAttributeValue.builder().dataType("Number").stringValue(Long.toString(value)).build());
    }

    /**
     * {@code ours}, then every one of the producer's own attributes, in their order: as many as fit
     * beside ours as they are, the rest packed into one {@link CarriedAttributes} attribute. None is
     * dropped (ours are at most 8, so there is always room for the pack).
     */
    static Map<String, MessageAttributeValue> withProducerAttributes(Map<String, MessageAttributeValue> ours,
            QueueMessage message) {
        List<Map.Entry<String, MessageAttributeValue>> producers = message.messageAttributes().entrySet().stream()
                .filter(attribute -> !RESERVED.contains(attribute.getKey()))
                .toList();
        Map<String, MessageAttributeValue> all = new LinkedHashMap<>(ours);
        int room = MAX_PER_MESSAGE - ours.size();
        int asTheyAre = producers.size() <= room ? producers.size() : Math.max(0, room - 1);
        producers.subList(0, asTheyAre).forEach(attribute -> all.put(attribute.getKey(), attribute.getValue()));
        if (asTheyAre < producers.size()) {
            Map<String, MessageAttributeValue> rest = new LinkedHashMap<>();
            producers.subList(asTheyAre, producers.size()).forEach(attribute -> rest.put(attribute.getKey(), attribute.getValue()));
            all.put(CarriedAttributes.NAME, CarriedAttributes.pack(rest));
        }
        return all;
    }

    /** The id of the message the producer sent, through any number of re-sends. */
    static String originalMessageId(QueueMessage message) {
        String carried = message.attributeText(ORIGINAL_MESSAGE_ID);
        return carried != null ? carried : message.messageId();
    }

    static int throttleCount(QueueMessage message) {
        try {
            String carried = message.attributeText(THROTTLE_COUNT);
            return carried == null ? 0 : Math.max(0, Integer.parseInt(carried.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
