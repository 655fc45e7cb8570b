package dev.oktaprov.onboarding;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.oktaprov.entrypoints.sqs.SqsAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * The onboarding queue's function: {@link OnboardingBatch} at the edge, an SQS event in, a partial
 * batch response out for the messages SQS must hand out again.
 */
public final class OnboardingQueueHandler implements RequestStreamHandler, Resource {

    private final OnboardingBatch batch;
    private final SqsAdapter sqs;

    /** For Lambda: configured from the process environment, primed before a SnapStart snapshot. */
    public OnboardingQueueHandler() {
        this(System.getenv());
        Core.getGlobalContext().register(this);
    }

    /**
     * From an explicit environment. A configuration error does not stop construction: each
     * invocation then fails with it, so it is in every batch's log.
     */
    public OnboardingQueueHandler(Map<String, String> env) {
        this(OnboardingBatch.fromEnvironment(env));
    }

    /** For tests and tools: every collaborator given. */
    public OnboardingQueueHandler(OnboardingRuntime runtime) {
        this(OnboardingBatch.of(runtime));
    }

    private OnboardingQueueHandler(OnboardingBatch batch) {
        this.batch = batch;
        this.sqs = new SqsAdapter(batch);
    }

    @Override
    public void handleRequest(InputStream event, OutputStream answer, Context context) throws IOException {
        sqs.handle(event, answer, context);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        batch.prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        batch.afterRestore();
    }
}
