package dev.oktaprov.local.functions;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.util.Objects;

/**
 * A handler constructed once, as a warm Lambda execution environment holds it, with its settings
 * and the counters of its metrics.
 */
public record LocalFunction(FunctionSpec spec, RequestStreamHandler handler, FunctionCounters counters) {

    public LocalFunction {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(counters, "counters");
    }
}
