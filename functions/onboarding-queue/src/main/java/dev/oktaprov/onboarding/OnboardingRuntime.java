package dev.oktaprov.onboarding;

import dev.oktaprov.aws.StepFunctionsStarter;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.runtime.ProvisioningMetrics;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.time.Deadline;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything the onboarding function keeps for the life of an execution environment: the core's
 * runtime (one Okta client, so every worker shares one rate-limit budget), the onboarding settings,
 * the SQS client and the Step Functions starter, which are built on first use (after any SnapStart
 * restore, never into a snapshot).
 */
public final class OnboardingRuntime {

    private final ProvisioningRuntime provisioning;
    private final OnboardingSettings settings;
    private final Supplier<SqsCalls> sqs;
    private final Supplier<StepFunctionsStarter> stepFunctions;
    private final OnboardingUseCase onboarding;

    private OnboardingRuntime(ProvisioningRuntime provisioning, OnboardingSettings settings,
            Supplier<SqsCalls> sqsFactory, Supplier<StepFunctionsStarter> stepFunctionsFactory) {
        this.provisioning = provisioning;
        this.settings = settings;
        this.sqs = new Once<>(Objects.requireNonNull(sqsFactory, "sqsFactory"));
        this.stepFunctions = new Once<>(Objects.requireNonNull(stepFunctionsFactory, "stepFunctionsFactory"));
        Clock clock = provisioning.clock();
        DeadLetterQueue deadLetters = new DeadLetterQueue(sqs, settings.deadLetterQueueUrl(),
                settings.deadLetterQueueIsFifo(), clock);
        ActivationWorkflow workflow = new ActivationWorkflow(stepFunctions, settings.stateMachineArn(), clock);
        BatchScheduler scheduler = new BatchScheduler(new SingleHireOnboarding(provisioning.service(), deadLetters, workflow),
                settings.parallelism(), provisioning.config().requestTimeout(), clock);
        Settlement settlement = new Settlement(new RetryBackoff(settings.retryBase(), settings.retryMax(), provisioning.random()),
                settings.throttleDelayMax(), settings.maxResends());
        Map<String, SourceQueue> sourceQueues = new ConcurrentHashMap<>();
        this.onboarding = new OnboardingUseCase(scheduler, settlement,
                arn -> sourceQueues.computeIfAbsent(String.valueOf(arn), key -> SourceQueue.of(sqs.get(), arn)),
                provisioning.metrics(), clock);
    }

    /** For Lambda: everything from {@code env}, as Lambda runs it. */
    public static OnboardingRuntime fromEnvironment(Map<String, String> env) {
        return of(ProvisioningRuntime.builder(env));
    }

    /** On {@code core} (tests, the local runner, the benchmark), SQS reached as its environment says. */
    public static OnboardingRuntime of(ProvisioningRuntime.Builder core) {
        return of(core, () -> SqsClients.fromEnvironment(core.environment()));
    }

    /** On {@code core}, SQS from {@code sqsFactory}, Step Functions as the environment says (on Okta's HTTP client). */
    public static OnboardingRuntime of(ProvisioningRuntime.Builder core, Supplier<SqsCalls> sqsFactory) {
        return wire(core, sqsFactory, provisioning -> () -> StepFunctionsClients.fromEnvironment(core.environment(),
                provisioning.http(), provisioning.clock(), provisioning.sleeper()));
    }

    /** Checks the onboarding settings, then the core's; each factory is called once, on first use. */
    public static OnboardingRuntime of(ProvisioningRuntime.Builder core, Supplier<SqsCalls> sqsFactory,
            Supplier<StepFunctionsStarter> stepFunctionsFactory) {
        return wire(core, sqsFactory, provisioning -> stepFunctionsFactory);
    }

    private static OnboardingRuntime wire(ProvisioningRuntime.Builder core, Supplier<SqsCalls> sqsFactory,
            Function<ProvisioningRuntime, Supplier<StepFunctionsStarter>> stepFunctionsFactory) {
        OnboardingSettings settings = OnboardingSettings.fromEnvironment(core.environment());
        // A service app asks only for what creating needs (the idempotent lookup included).
        ProvisioningRuntime provisioning = core.scopes(OAuthScopes.CREATE_USERS).build();
        return new OnboardingRuntime(provisioning, settings, sqsFactory, stepFunctionsFactory.apply(provisioning));
    }

    /** The invocation's deadline: its remaining time minus the core's safety margin. */
    public Deadline deadline(long remainingMillis) {
        return provisioning.deadline(remainingMillis);
    }

    public ProvisioningRuntime provisioning() {
        return provisioning;
    }

    public ProvisioningMetrics metrics() {
        return provisioning.metrics();
    }

    OnboardingUseCase onboarding() {
        return onboarding;
    }

    /**
     * For a SnapStart {@code beforeCheckpoint}: loads what a first batch needs — the Secrets Manager
     * path (no network, nothing kept), the SQS client and the Step Functions starter (built, never
     * called; a start signed in memory),
     * Jackson and the validator on a sample message — so a restored function does not pay for it.
     * Talks to nobody and leaves no credential in the snapshot.
     */
    void prime() {
        try {
            provisioning.credentials().prime();
            sqs.get();
            if (settings.stateMachineArn() != null) {
                stepFunctions.get();
                StepFunctionsStarter.prime();
            }
            HireMessage.parse(new QueueMessage("priming", "priming", PRIMING_BODY, 1, null, Map.of()), provisioning.clock());
        } finally {
            provisioning.credentials().invalidate();
        }
    }

    /** For a SnapStart {@code afterRestore}: nothing cached from before the snapshot is trusted. */
    void afterRestore() {
        provisioning.credentials().invalidate();
    }

    private static final String PRIMING_BODY = "{\"firstName\":\"Priming\",\"lastName\":\"Sample\","
            + "\"email\":\"priming@example.com\",\"login\":\"priming@example.com\",\"groupIds\":[],"
            // Loads the time-zone rules a start date needs; the date is refused, which primes that path too.
            + "\"startDate\":\"2000-01-03\",\"timeZone\":\"Europe/Berlin\"}";

    /** A value made on first use, by one thread, then shared. */
    private static final class Once<T> implements Supplier<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Once(Supplier<T> factory) {
            this.factory = factory;
        }

        @Override
        public T get() {
            T made = value;
            if (made == null) {
                synchronized (this) {
                    made = value;
                    if (made == null) {
                        made = factory.get();
                        value = made;
                    }
                }
            }
            return made;
        }
    }
}
