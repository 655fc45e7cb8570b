package dev.oktaprov.local.sqs;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The Lambda {@link Context} of one local invocation: a fresh request id, the function's names as
 * Lambda spells them, and a deadline {@code timeout} after creation, counted down on an injectable
 * {@link Clock}. Create one per invocation, just before calling the handler.
 *
 * <p>{@link #getLogger()} hands each message, unchanged, to the log sink (what Lambda's runtime
 * writes to the log stream). The sink may be called from several invocations at once.
 */
public final class LocalLambdaContext implements Context {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final int DEFAULT_MEMORY_MB = 512;
    // Local stand-ins have no account; this is the placeholder account LocalStack and ElasticMQ use.
    static final String LOCAL_ACCOUNT_ID = "000000000000";
    private static final DateTimeFormatter LOG_STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private final String awsRequestId = UUID.randomUUID().toString();
    private final String functionName;
    private final String region;
    private final int memoryLimitMb;
    private final Clock clock;
    private final Instant deadline;
    private final String logStreamName;
    private final LambdaLogger logger;
    private volatile String xrayTraceId;

    /** A context in us-east-1 with 512 MB. */
    public LocalLambdaContext(String functionName, Duration timeout, Clock clock, Consumer<String> logSink) {
        this(functionName, DEFAULT_REGION, DEFAULT_MEMORY_MB, timeout, clock, logSink);
    }

    /**
     * @param timeout the function's configured timeout; the deadline is {@code clock.instant() + timeout}
     * @param logSink receives what the handler logs through {@link #getLogger()}
     */
    public LocalLambdaContext(String functionName, String region, int memoryLimitMb, Duration timeout, Clock clock,
            Consumer<String> logSink) {
        this.functionName = requireNonBlank(functionName, "functionName");
        this.region = requireNonBlank(region, "region");
        if (memoryLimitMb < 128 || memoryLimitMb > 10_240) {
            throw new IllegalArgumentException("memoryLimitMb must be 128 to 10240, was " + memoryLimitMb);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.memoryLimitMb = memoryLimitMb;
        this.clock = Objects.requireNonNull(clock, "clock");
        Instant start = clock.instant();
        this.deadline = start.plus(timeout);
        this.logStreamName = LocalDate.ofInstant(start, ZoneOffset.UTC).format(LOG_STREAM_DATE)
                + "/[$LATEST]" + UUID.randomUUID().toString().replace("-", "");
        this.logger = new SinkLogger(Objects.requireNonNull(logSink, "logSink"));
    }

    /**
     * Gives the invocation its X-Ray trace header, as Lambda does ({@link #getXrayTraceId()}); returns
     * this context.
     */
    public LocalLambdaContext tracedBy(String traceHeader) {
        this.xrayTraceId = traceHeader;
        return this;
    }

    /** When Lambda would stop this invocation. */
    public Instant deadline() {
        return deadline;
    }

    /** True once the clock has reached the deadline. */
    public boolean isPastDeadline() {
        return !clock.instant().isBefore(deadline);
    }

    @Override
    public String getAwsRequestId() {
        return awsRequestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return logStreamName;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + region + ":" + LOCAL_ACCOUNT_ID + ":function:" + functionName;
    }

    /** Null, as for every invocation that does not come from the AWS Mobile SDK. */
    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    /** Null, as for every invocation that does not come from the AWS Mobile SDK. */
    @Override
    public String getXrayTraceId() {
        return xrayTraceId;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    /** Milliseconds left until the deadline on the context's clock; 0 once it has passed. */
    @Override
    public int getRemainingTimeInMillis() {
        long remaining = deadline.toEpochMilli() - clock.millis();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryLimitMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    private static String requireNonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    private record SinkLogger(Consumer<String> sink) implements LambdaLogger {

        @Override
        public void log(String message) {
            sink.accept(message);
        }

        @Override
        public void log(byte[] message) {
            sink.accept(new String(message, StandardCharsets.UTF_8));
        }
    }
}
