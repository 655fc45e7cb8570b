package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.Clock;

/** Edges of reading a message and of what is kept of it: absent bodies, login keys, odd characters. */
class MessageEdgesTest {

    /** Start dates are checked against it; none of these messages carries one. */
    private static final Clock START_DATES_CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

    private static QueueMessage message(String body) {
        return new QueueMessage("m-1", "r-1", body, 1, null, Map.of());
    }

    @Test
    void anAbsentOrBlankBodyIsNoObjectAtAllRatherThanBrokenJson() {
        for (String body : new String[] {null, "", "  \n"}) {
            Failure invalid = HireMessage.parse(message(body), START_DATES_CLOCK).invalid();
            assertThat(invalid.code()).as("body %s", body).isEqualTo("INVALID_INPUT");
            assertThat(invalid.message()).isEqualTo("Invalid input: request must be a JSON object");
        }
    }

    @Test
    void theLoginKeyIsTheLoginWithoutCaseOrDiacritics() {
        assertThat(HireMessage.parse(message(Hires.hire(" José.García@Example.COM ", "José", "García")), START_DATES_CLOCK).loginKey())
                .isEqualTo("jose.garcia@example.com");
        assertThat(HireMessage.parse(message("{}"), START_DATES_CLOCK).loginKey()).isEqualTo("invalid:m-1");
    }

    @Test
    void aDeadLetterBodyOfNothingIsEmptyAndABrokenOneNamingCredentialsIsWithheld() {
        assertThat(DeadLetterBody.of(null)).isEqualTo(new DeadLetterBody("", java.util.List.of(), false));
        assertThat(DeadLetterBody.of("")).isEqualTo(new DeadLetterBody("", java.util.List.of(), false));
        assertThat(DeadLetterBody.of("{\"Credentials\":{\"token\":\"x\"").withheld()).isTrue();
        assertThat(DeadLetterBody.of("[{\"password\":\"s3cret\"},{\"ok\":1}]"))
                .isEqualTo(new DeadLetterBody("[{},{\"ok\":1}]", java.util.List.of("[0].password"), false));
    }

    @Test
    void aResultWithoutAFailureWaitsForNothing() {
        MessageResult created = new MessageResult(HireMessage.parse(message("{}"), START_DATES_CLOCK), MessageOutcome.CREATED, null);

        assertThat(created.retryAfter()).isZero();
        assertThat(created.deferred()).isFalse();
        assertThat(new MessageResult(HireMessage.parse(message("{}"), START_DATES_CLOCK), MessageOutcome.NOT_STARTED, null).deferred()).isTrue();
        assertThat(new MessageResult(HireMessage.parse(message("{}"), START_DATES_CLOCK), MessageOutcome.THROTTLED,
                new Failure(Failure.Kind.THROTTLED, "RATE_LIMITED", "wait", null, Duration.ofSeconds(9))).retryAfter())
                .isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void noArnIsNoQueue() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QueueAddress.fromArn(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not an SQS queue ARN: null");
    }

    @Test
    void theFirstCharacterBeyondTheBasicPlaneIsKeptInAttributes() {
        assertThat(MessageAttributes.sqsText("\uD800\uDC00")).isEqualTo("\uD800\uDC00");
    }
}
