package dev.oktaprov.local.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads a serialized partial batch response with Lambda's rules. A batch is a complete success when
 * the response is null, empty, or has a null or empty {@code batchItemFailures}; it is a complete
 * failure when the response is not that shape, or an entry's {@code itemIdentifier} is missing,
 * null, empty, or not the id of a message in the batch.
 */
final class PartialBatchResponse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PartialBatchResponse() {
    }

    /**
     * @return the ids of the messages the function reported as failed, in the response's order
     * @throws InvalidResponseException when Lambda would fail the whole batch
     */
    static Set<String> failedMessageIds(String responseJson, Set<String> batchMessageIds) {
        JsonNode response = parse(responseJson);
        Set<String> failed = new LinkedHashSet<>();
        if (response.isNull()) {
            return failed;
        }
        if (!response.isObject()) {
            throw new InvalidResponseException("the response is not a JSON object");
        }
        JsonNode failures = response.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return failed;
        }
        if (!failures.isArray()) {
            throw new InvalidResponseException("batchItemFailures is not a list");
        }
        for (JsonNode failure : failures) {
            JsonNode identifier = failure.get("itemIdentifier");
            if (identifier == null || !identifier.isTextual() || identifier.asText().isEmpty()) {
                throw new InvalidResponseException("a batch item failure has no itemIdentifier");
            }
            if (!batchMessageIds.contains(identifier.asText())) {
                throw new InvalidResponseException(
                        "itemIdentifier " + identifier.asText() + " is not the id of a message in the batch");
            }
            failed.add(identifier.asText());
        }
        return failed;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidResponseException("the response is not valid JSON");
        }
    }

    /** The function's response makes Lambda treat the whole batch as failed. */
    static final class InvalidResponseException extends RuntimeException {
        InvalidResponseException(String message) {
            super(message);
        }
    }
}
