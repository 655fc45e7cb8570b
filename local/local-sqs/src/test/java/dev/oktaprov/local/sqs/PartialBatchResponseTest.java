package dev.oktaprov.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.oktaprov.testsupport.SqsInvocation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lambda's success and failure conditions for a partial batch response, on the JSON Lambda reads. */
class PartialBatchResponseTest {

    private static final Set<String> BATCH = Set.of("m-1", "m-2", "m-3");

    @ParameterizedTest
    @ValueSource(strings = {"null", "{}", "{\"batchItemFailures\":null}", "{\"batchItemFailures\":[]}"})
    void anEmptyAnswerIsACompleteSuccess(String response) {
        assertThat(PartialBatchResponse.failedMessageIds(response, BATCH)).isEmpty();
    }

    @Test
    void namedMessagesAreTheFailedOnes() {
        String response = "{\"batchItemFailures\":[{\"itemIdentifier\":\"m-3\"},{\"itemIdentifier\":\"m-1\"}]}";

        assertThat(PartialBatchResponse.failedMessageIds(response, BATCH)).containsExactly("m-3", "m-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"batchItemFailures\":[{\"itemIdentifier\":\"m-9\"}]}",
        "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}",
        "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}",
        "{\"batchItemFailures\":[{\"messageId\":\"m-1\"}]}",
        "{\"batchItemFailures\":[\"m-1\"]}",
        "{\"batchItemFailures\":[null]}",
        "{\"batchItemFailures\":\"m-1\"}",
        "[\"m-1\"]",
        "not json"})
    void anythingElseFailsTheWholeBatch(String response) {
        assertThatThrownBy(() -> PartialBatchResponse.failedMessageIds(response, BATCH))
                .isInstanceOf(PartialBatchResponse.InvalidResponseException.class);
    }

    @Test
    void theRuntimeSerializerWritesSqsBatchResponseUnderTheNamesLambdaReads() {
        SQSBatchResponse response = new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("m-2")));

        String json = new String(SqsInvocation.json(response), StandardCharsets.UTF_8);

        assertThat(json).contains("\"batchItemFailures\"").contains("\"itemIdentifier\"");
        assertThat(PartialBatchResponse.failedMessageIds(json, BATCH)).containsExactly("m-2");
    }
}
