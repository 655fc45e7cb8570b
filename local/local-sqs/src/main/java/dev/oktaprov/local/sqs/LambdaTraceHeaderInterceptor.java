package dev.oktaprov.local.sqs;

import java.util.function.Supplier;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * What the AWS SDK does inside Lambda, for the local event source mapping: while an invocation runs,
 * every AWS request the function makes carries the invocation's trace header as
 * {@code X-Amzn-Trace-Id}, which SQS keeps on the messages it is sent as their
 * {@code AWSTraceHeader}. (The SDK's own {@code TraceIdExecutionInterceptor} does this only when
 * {@code AWS_LAMBDA_FUNCTION_NAME} is set in the process environment, which a JVM cannot set for
 * itself.) Registered as a global SDK interceptor by this module's
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}; outside an invocation it
 * does nothing.
 *
 * <p>The header is visible to threads the invocation starts (its worker pools), as Lambda's
 * process-wide trace header is.
 */
public final class LambdaTraceHeaderInterceptor implements ExecutionInterceptor {

    static final String HEADER = "X-Amzn-Trace-Id";

    private static final InheritableThreadLocal<String> CURRENT = new InheritableThreadLocal<>();

    /** Runs one invocation with its trace header. */
    static <T> T during(String traceHeader, Supplier<T> invocation) {
        CURRENT.set(traceHeader);
        try {
            return invocation.get();
        } finally {
            CURRENT.remove();
        }
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes executionAttributes) {
        String traceHeader = CURRENT.get();
        SdkHttpRequest request = context.httpRequest();
        if (traceHeader == null || request.firstMatchingHeader(HEADER).isPresent()) {
            return request;
        }
        return request.toBuilder().putHeader(HEADER, traceHeader).build();
    }
}
