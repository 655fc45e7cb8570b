package dev.oktaprov.onboarding;

import dev.oktaprov.entrypoints.FunctionHandler;
import dev.oktaprov.entrypoints.sqs.SqsAdapter;
import java.util.Map;

/**
 * The onboarding queue's function: {@link OnboardingBatch} at the edge, an SQS event in, a partial
 * batch response out for the messages SQS must hand out again.
 */
public final class OnboardingQueueHandler extends FunctionHandler {

    /** For Lambda: configured from the process environment, primed before a SnapStart snapshot. */
    public OnboardingQueueHandler() {
        this(System.getenv());
        registerForSnapStart();
    }

    /** From an explicit environment; a configuration error fails each batch ({@link OnboardingBatch}). */
    public OnboardingQueueHandler(Map<String, String> env) {
        super(new SqsAdapter(OnboardingBatch.fromEnvironment(env)));
    }

    /** For tests and tools: every collaborator given. */
    public OnboardingQueueHandler(OnboardingRuntime runtime) {
        super(new SqsAdapter(OnboardingBatch.of(runtime)));
    }
}
