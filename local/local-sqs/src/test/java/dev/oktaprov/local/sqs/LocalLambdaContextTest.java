package dev.oktaprov.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalLambdaContextTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T23:59:59Z"));
    private final List<String> logged = new ArrayList<>();

    @Test
    void namesTheFunctionAsLambdaDoes() {
        LocalLambdaContext context = new LocalLambdaContext("create-user", "eu-west-1", 1024, Duration.ofSeconds(15),
                clock, logged::add);

        assertThat(context.getFunctionName()).isEqualTo("create-user");
        assertThat(context.getFunctionVersion()).isEqualTo("$LATEST");
        assertThat(context.getInvokedFunctionArn()).isEqualTo("arn:aws:lambda:eu-west-1:000000000000:function:create-user");
        assertThat(context.getLogGroupName()).isEqualTo("/aws/lambda/create-user");
        assertThat(context.getLogStreamName()).matches("2026/03/02/\\[\\$LATEST][0-9a-f]{32}");
        assertThat(context.getMemoryLimitInMB()).isEqualTo(1024);
        assertThat(context.getIdentity()).isNull();
        assertThat(context.getClientContext()).isNull();
    }

    @Test
    void everyContextHasItsOwnRequestId() {
        LocalLambdaContext first = new LocalLambdaContext("f", Duration.ofSeconds(3), clock, logged::add);
        LocalLambdaContext second = new LocalLambdaContext("f", Duration.ofSeconds(3), clock, logged::add);

        assertThat(first.getAwsRequestId()).isNotEqualTo(second.getAwsRequestId());
    }

    @Test
    void remainingTimeCountsDownOnTheClockAndStopsAtZero() {
        LocalLambdaContext context = new LocalLambdaContext("f", Duration.ofSeconds(3), clock, logged::add);
        assertThat(context.getRemainingTimeInMillis()).isEqualTo(3000);
        assertThat(context.isPastDeadline()).isFalse();

        clock.advance(Duration.ofMillis(2250));
        assertThat(context.getRemainingTimeInMillis()).isEqualTo(750);

        clock.advance(Duration.ofSeconds(5));
        assertThat(context.getRemainingTimeInMillis()).isZero();
        assertThat(context.isPastDeadline()).isTrue();
        assertThat(context.deadline()).isEqualTo(Instant.parse("2026-03-03T00:00:02Z"));
    }

    @Test
    void theLoggerHandsEachMessageToTheSinkUnchanged() {
        LocalLambdaContext context = new LocalLambdaContext("f", Duration.ofSeconds(3), clock, logged::add);

        context.getLogger().log("created user 00u1");
        context.getLogger().log("bytes too\n".getBytes(StandardCharsets.UTF_8));

        assertThat(logged).containsExactly("created user 00u1", "bytes too\n");
    }
}
