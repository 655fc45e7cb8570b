package dev.oktaprov.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Structured JSON logging around one invocation, through Powertools' functional API (no AspectJ).
 *
 * <p>Use this rather than Powertools' correlation-id-path overloads: those evaluate JMESPath through
 * Powertools' serialization module, which this build leaves out to keep the jars small. Log values
 * as plain strings and numbers; mask logins and emails with {@link Masking}.
 */
public final class LambdaLogging {

    public static final String CORRELATION_ID = "correlation_id";

    private LambdaLogging() {}

    /** Runs {@code work} with the Lambda context's fields and {@code correlationId} (may be null) on every line. */
    public static <T> T withLogging(Context context, String correlationId, Supplier<T> work) {
        return PowertoolsLogging.withLogging(context, () -> {
            if (correlationId != null) {
                MDC.put(CORRELATION_ID, correlationId);
            }
            try {
                return work.get();
            } finally {
                MDC.remove(CORRELATION_ID);
            }
        });
    }
}
