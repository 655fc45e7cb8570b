package dev.oktaprov.aws;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;

/**
 * The invocation's X-Ray trace header, for the AWS requests it makes. Lambda hands each invocation
 * one ({@code Root=…;Parent=…;Sampled=…;Lineage=…}); a message sent to SQS with it as
 * {@code X-Amzn-Trace-Id} keeps it as its {@code AWSTraceHeader}, and Lambda's recursive loop
 * detection counts the hops of a chain in its {@code Lineage}. The AWS SDK adds the header inside
 * Lambda by itself; {@link AwsJsonClient} does the same with {@link #current()}.
 *
 * <p>Set for the length of an invocation ({@link #during}) and seen by the threads it starts, as
 * the runtime's process-wide value is.
 */
public final class XrayTraceHeader {

    public static final String HEADER = "X-Amzn-Trace-Id";
    /** Where the Lambda Java runtime puts each invocation's header (the AWS SDK reads it there). */
    static final String SYSTEM_PROPERTY = "com.amazonaws.xray.traceHeader";
    /** Where Lambda puts it for runtimes that read the environment. */
    static final String ENVIRONMENT_VARIABLE = "_X_AMZN_TRACE_ID";

    private static final InheritableThreadLocal<String> CURRENT = new InheritableThreadLocal<>();

    private XrayTraceHeader() {}

    /** The invocation's header: the context's, else the runtime's system property, else {@code _X_AMZN_TRACE_ID}; or null. */
    public static String ofInvocation(Context context) {
        String header = context == null ? null : context.getXrayTraceId();
        if (header == null || header.isBlank()) {
            header = System.getProperty(SYSTEM_PROPERTY);
        }
        if (header == null || header.isBlank()) {
            header = System.getenv(ENVIRONMENT_VARIABLE);
        }
        return header == null || header.isBlank() ? null : header.strip();
    }

    /** Runs {@code invocation} with {@code header} as the trace header of the AWS requests it makes. */
    public static <T> T during(String header, Supplier<T> invocation) {
        String outer = CURRENT.get();
        CURRENT.set(header);
        try {
            return invocation.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The header of the invocation this thread works for, or null outside one. */
    public static String current() {
        return CURRENT.get();
    }
}
