package dev.oktaprov.onboarding;

import com.amazonaws.services.lambda.runtime.Context;
import dev.oktaprov.aws.XrayTraceHeader;
import dev.oktaprov.entrypoints.sqs.SqsAdapter;
import dev.oktaprov.entrypoints.sqs.SqsEvent;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.runtime.LambdaLogging;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch of the onboarding queue: one Okta user per message, the ids of the messages SQS must
 * hand out again. One bad message never fails its batch; a batch fails only when the function's
 * environment is broken (then every message comes back).
 */
final class OnboardingBatch implements SqsAdapter.Batch {

    private static final Logger LOG = LoggerFactory.getLogger(OnboardingQueueHandler.class);

    private final OnboardingRuntime runtime;
    private final ConfigurationException brokenConfiguration;

    private OnboardingBatch(OnboardingRuntime runtime, ConfigurationException brokenConfiguration) {
        this.runtime = runtime;
        this.brokenConfiguration = brokenConfiguration;
    }

    /** A configuration error does not stop construction: each batch fails with it, so every batch's log has it. */
    static OnboardingBatch fromEnvironment(Map<String, String> env) {
        try {
            return new OnboardingBatch(OnboardingRuntime.fromEnvironment(env), null);
        } catch (ConfigurationException broken) {
            return new OnboardingBatch(null, broken);
        }
    }

    static OnboardingBatch of(OnboardingRuntime runtime) {
        return new OnboardingBatch(Objects.requireNonNull(runtime, "runtime"), null);
    }

    @Override
    public List<String> process(SqsEvent event, Context context) {
        return LambdaLogging.withLogging(context, null, () -> {
            if (brokenConfiguration != null) {
                LOG.error("The onboarding function is misconfigured: {}", brokenConfiguration.getMessage());
                throw brokenConfiguration;
            }
            try {
                // The SQS requests carry the invocation's trace header, for Lambda's recursive loop detection.
                return XrayTraceHeader.during(XrayTraceHeader.ofInvocation(context),
                        () -> runtime.onboarding().process(QueueMessage.allOf(event), event.eventSourceArn(),
                                runtime.deadline(context.getRemainingTimeInMillis())));
            } finally {
                runtime.metrics().flush();
            }
        });
    }

    /** SnapStart's {@code beforeCheckpoint}: see {@link OnboardingRuntime#prime()}. */
    @Override
    public void prime() {
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
    public void afterRestore() {
        if (runtime != null) {
            runtime.afterRestore();
        }
    }
}
