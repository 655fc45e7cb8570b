package dev.oktaprov.entrypoints;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvocationContextTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T23:59:59Z"));
    private final List<String> logged = new ArrayList<>();

    @Test
    void namesTheFunctionAsLambdaDoes() {
        InvocationContext context = InvocationContext.start("create-user", "eu-west-1", 1024, Duration.ofSeconds(15),
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
        InvocationContext first = InvocationContext.start("f", Duration.ofSeconds(3), clock, logged::add);
        InvocationContext second = InvocationContext.start("f", Duration.ofSeconds(3), clock, logged::add);

        assertThat(first.getAwsRequestId()).isNotEqualTo(second.getAwsRequestId());
    }

    @Test
    void remainingTimeCountsDownOnTheClockAndStopsAtZero() {
        InvocationContext context = InvocationContext.start("f", Duration.ofSeconds(3), clock, logged::add);
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
        InvocationContext context = InvocationContext.start("f", Duration.ofSeconds(3), clock, logged::add);

        context.getLogger().log("created user 00u1");
        context.getLogger().log("bytes too\n".getBytes(StandardCharsets.UTF_8));

        assertThat(logged).containsExactly("created user 00u1", "bytes too\n");
    }

    @Test
    void aTestContextStandsStillUntilToldItsTimeIsShort() {
        InvocationContext context = InvocationContext.of("get-user");

        assertThat(context.getRemainingTimeInMillis()).isEqualTo(20_000);
        assertThat(context.withRemainingMillis(3_000).getRemainingTimeInMillis()).isEqualTo(3_000);
        assertThat(context.withRemainingMillis(3_000).getAwsRequestId()).isEqualTo(context.getAwsRequestId());
        assertThat(context.tracedBy("Root=1-5759e988-bd862e3fe1be46a994272793").getXrayTraceId())
                .isEqualTo("Root=1-5759e988-bd862e3fe1be46a994272793");
        assertThat(context.getXrayTraceId()).isNull();
    }

    @Test
    void primingNamesTheFunctionLambdaStartedAndHasNoTimeLeft() {
        InvocationContext context = InvocationContext.fromEnvironment(Map.of("AWS_LAMBDA_FUNCTION_NAME", "get-user",
                "AWS_LAMBDA_FUNCTION_VERSION", "7", "AWS_REGION", "eu-central-1", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1536"),
                "priming", Duration.ZERO);

        assertThat(context.getInvokedFunctionArn()).isEqualTo("arn:aws:lambda:eu-central-1:000000000000:function:get-user");
        assertThat(context.getFunctionVersion()).isEqualTo("7");
        assertThat(context.getMemoryLimitInMB()).isEqualTo(1536);
        assertThat(context.getRemainingTimeInMillis()).isZero();
        assertThat(InvocationContext.fromEnvironment(Map.of(), "priming", Duration.ZERO).getFunctionName()).isEqualTo("priming");
    }
}
