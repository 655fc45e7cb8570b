package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SQS's answer to a batch call, as its JSON 1.0 protocol writes it. */
class SqsCallsTest {

    private static SqsCalls.BatchResult read(String answer) {
        return SqsCalls.batchResult(answer.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachEntryIsTakenOrRefusedWithItsCode() {
        SqsCalls.BatchResult result = read("{\"Successful\":[{\"Id\":\"0\",\"MessageId\":\"m-1\"}],"
                + "\"Failed\":[{\"Id\":\"1\",\"Code\":\"InvalidParameterValue\",\"SenderFault\":true}]}");

        assertThat(result.successful()).containsExactly("0");
        assertThat(result.failed()).containsExactly(new SqsCalls.Failed("1", "InvalidParameterValue"));
        assertThat(read("{}")).isEqualTo(new SqsCalls.BatchResult(List.of(), List.of()));
    }

    @Test
    void anAnswerThatIsNotAJsonObjectIsAFailedCall() {
        for (String answer : new String[] {"", "[]", "<html>", "\"ok\""}) {
            assertThatThrownBy(() -> read(answer)).as(answer).isInstanceOf(IllegalStateException.class);
        }
    }
}
