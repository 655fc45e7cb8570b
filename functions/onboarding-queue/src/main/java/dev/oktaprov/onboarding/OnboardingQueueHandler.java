package dev.oktaprov.onboarding;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.runtime.LambdaLogging;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The onboarding queue's function: one Okta user per message, a partial batch response for the
 * messages SQS must hand out again. One bad message never fails its batch; the handler throws only
 * when its environment is broken (then every message comes back).
 */
public final class OnboardingQueueHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, Resource {

    private static final Logger LOG = LoggerFactory.getLogger(OnboardingQueueHandler.class);

    private final OnboardingRuntime runtime;
    private final ConfigurationException brokenConfiguration;

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
        OnboardingRuntime built = null;
        ConfigurationException broken = null;
        try {
            built = OnboardingRuntime.fromEnvironment(env);
        } catch (ConfigurationException e) {
            broken = e;
        }
        this.runtime = built;
        this.brokenConfiguration = broken;
    }

    /** For tests and tools: every collaborator given. */
    public OnboardingQueueHandler(OnboardingRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.brokenConfiguration = null;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        if (runtime == null) {
            return;
        }
        try {
            runtime.prime();
        } catch (RuntimeException | LinkageError e) {
            // A snapshot without priming is slower to its first batch, not wrong.
            LOG.warn("Priming before the SnapStart checkpoint failed: {}", e.toString());
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        if (runtime != null) {
            runtime.afterRestore();
        }
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return LambdaLogging.withLogging(context, null, () -> {
            if (brokenConfiguration != null) {
                LOG.error("The onboarding function is misconfigured: {}", brokenConfiguration.getMessage());
                throw brokenConfiguration;
            }
            List<QueueMessage> messages = QueueMessage.allOf(event);
            String source = event == null || event.getRecords() == null || event.getRecords().isEmpty()
                    ? null : event.getRecords().get(0).getEventSourceArn();
            try {
                List<String> returned = runtime.onboarding().process(messages, source,
                        runtime.deadline(context.getRemainingTimeInMillis()));
                return new SQSBatchResponse(returned.stream().map(SQSBatchResponse.BatchItemFailure::new).toList());
            } finally {
                runtime.metrics().flush();
            }
        });
    }
}
