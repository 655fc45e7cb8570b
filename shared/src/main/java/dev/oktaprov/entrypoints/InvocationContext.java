package dev.oktaprov.entrypoints;

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
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The Lambda {@link Context} of one invocation made outside Lambda's runtime: SnapStart priming, local runs,
 * tests and benchmarks. It counts its time down to {@code deadline} on {@code clock}; what the handler logs
 * through {@link #getLogger()} goes to {@code logSink} unchanged (which may be called from several invocations
 * at once). Its callers check their settings (memory, timeout, names), so it takes them as they are.
 *
 * @param xrayTraceId the invocation's X-Ray trace header, as Lambda hands it over; null when untraced
 */
public record InvocationContext(String awsRequestId, String functionName, String functionVersion, String region,
        int memoryLimitMb, String logStreamName, Instant deadline, Clock clock, Consumer<String> logSink,
        String xrayTraceId) implements Context {

    // Local stand-ins have no account; this is the placeholder account LocalStack and ElasticMQ use.
    public static final String LOCAL_ACCOUNT_ID = "000000000000";
    private static final String DEFAULT_REGION = "us-east-1";
    private static final DateTimeFormatter LOG_STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    /** An invocation starting now: a fresh request id, version {@code $LATEST}, {@code timeout} left. */
    public static InvocationContext start(String functionName, String region, int memoryLimitMb, Duration timeout,
            Clock clock, Consumer<String> logSink) {
        return start(functionName, "$LATEST", region, memoryLimitMb, timeout, clock, logSink);
    }

    /** As {@link #start(String, String, int, Duration, Clock, Consumer)}, in us-east-1 with 512 MB. */
    public static InvocationContext start(String functionName, Duration timeout, Clock clock, Consumer<String> logSink) {
        return start(functionName, DEFAULT_REGION, 512, timeout, clock, logSink);
    }

    /** The template's 20 s left on a clock that stands still, 1024 MB, logging to standard output. */
    public static InvocationContext of(String functionName) {
        return start(functionName, DEFAULT_REGION, 1024, Duration.ofSeconds(20),
                Clock.fixed(Instant.now(), ZoneOffset.UTC), System.out::println);
    }

    /**
     * The function Lambda's environment names ({@code AWS_LAMBDA_FUNCTION_NAME}, {@code _VERSION},
     * {@code _MEMORY_SIZE}, {@code AWS_REGION}), else {@code fallbackName}, with {@code timeout} left on the
     * system clock, logging to standard output.
     */
    public static InvocationContext fromEnvironment(Map<String, String> env, String fallbackName, Duration timeout) {
        String memory = env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
        return start(env.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", fallbackName),
                env.getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"), env.getOrDefault("AWS_REGION", DEFAULT_REGION),
                memory == null ? 1024 : Integer.parseInt(memory.strip()), timeout, Clock.systemUTC(), System.out::println);
    }

    private static InvocationContext start(String functionName, String version, String region, int memoryLimitMb,
            Duration timeout, Clock clock, Consumer<String> logSink) {
        Instant start = clock.instant();
        String logStream = LocalDate.ofInstant(start, ZoneOffset.UTC).format(LOG_STREAM_DATE)
                + "/[" + version + "]" + UUID.randomUUID().toString().replace("-", "");
        return new InvocationContext(UUID.randomUUID().toString(), functionName, version, region, memoryLimitMb,
                logStream, start.plus(timeout), clock, logSink, null);
    }

    /** This invocation with {@code millis} left from now. */
    public InvocationContext withRemainingMillis(int millis) {
        return new InvocationContext(awsRequestId, functionName, functionVersion, region, memoryLimitMb, logStreamName,
                clock.instant().plusMillis(millis), clock, logSink, xrayTraceId);
    }

    /** This invocation carrying {@code traceHeader}, as Lambda hands it over ({@link #getXrayTraceId()}). */
    public InvocationContext tracedBy(String traceHeader) {
        return new InvocationContext(awsRequestId, functionName, functionVersion, region, memoryLimitMb, logStreamName,
                deadline, clock, logSink, traceHeader);
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
        return functionVersion;
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + region + ":" + LOCAL_ACCOUNT_ID + ":function:" + functionName;
    }

    // Null, as for every invocation that does not come from the AWS Mobile SDK.
    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public String getXrayTraceId() {
        return xrayTraceId;
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
        return new SinkLogger(logSink);
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
