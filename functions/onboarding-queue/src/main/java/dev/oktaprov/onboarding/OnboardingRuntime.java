package dev.oktaprov.onboarding;

import dev.oktaprov.aws.StepFunctionsStarter;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.okta.BackgroundHttpClient;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.runtime.ProvisioningConfig;
import dev.oktaprov.runtime.ProvisioningMetrics;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.ratelimit.RestoreSafeRandom;
import dev.oktaprov.time.Deadline;
import dev.oktaprov.time.Sleeper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

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

    /** As below, Step Functions reached as the process environment says (Lambda's, or AWS_ENDPOINT_URL_SFN). */
    public OnboardingRuntime(ProvisioningRuntime provisioning, OnboardingSettings settings,
            Supplier<SqsCalls> sqsFactory, RandomGenerator random) {
        this(provisioning, settings, sqsFactory, () -> StepFunctionsClients.fromEnvironment(System.getenv(), provisioning.clock()),
                random);
    }

    /**
     * @param sqsFactory called once, on first use
     * @param stepFunctionsFactory called once, when the first hire's activation is scheduled
     * @param random the backoff's jitter
     */
    public OnboardingRuntime(ProvisioningRuntime provisioning, OnboardingSettings settings,
            Supplier<SqsCalls> sqsFactory, Supplier<StepFunctionsStarter> stepFunctionsFactory, RandomGenerator random) {
        this.provisioning = Objects.requireNonNull(provisioning, "provisioning");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sqs = new Once<>(Objects.requireNonNull(sqsFactory, "sqsFactory"));
        this.stepFunctions = new Once<>(Objects.requireNonNull(stepFunctionsFactory, "stepFunctionsFactory"));
        Clock clock = provisioning.clock();
        DeadLetterQueue deadLetters = new DeadLetterQueue(sqs, settings.deadLetterQueueUrl(),
                settings.deadLetterQueueIsFifo(), clock);
        ActivationWorkflow workflow = new ActivationWorkflow(stepFunctions, settings.stateMachineArn(), clock);
        BatchScheduler scheduler = new BatchScheduler(new SingleHireOnboarding(provisioning.service(), deadLetters, workflow),
                settings.parallelism(), provisioning.config().requestTimeout(), clock);
        Settlement settlement = new Settlement(new RetryBackoff(settings.retryBase(), settings.retryMax(), random),
                settings.throttleDelayMax(), settings.maxResends());
        Map<String, SourceQueue> sourceQueues = new ConcurrentHashMap<>();
        this.onboarding = new OnboardingUseCase(scheduler, settlement,
                arn -> sourceQueues.computeIfAbsent(String.valueOf(arn), key -> SourceQueue.of(sqs.get(), arn)),
                provisioning.metrics(), clock);
    }

    /** For Lambda: the process environment, the system clock, real sleeps. */
    public static OnboardingRuntime fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, Clock.systemUTC(), Sleeper.REAL, new RestoreSafeRandom());
    }

    /**
     * From an explicit environment (tests, the local runner, the benchmark) with the given time.
     * Checks both configurations first; builds no client that talks to anyone yet.
     *
     * @param random shared by every worker thread, so it must be thread-safe ({@link RestoreSafeRandom} is)
     */
    public static OnboardingRuntime fromEnvironment(Map<String, String> env, Clock clock, Sleeper sleeper,
            RandomGenerator random) {
        return fromEnvironment(env, clock, sleeper, random, () -> SqsClients.fromEnvironment(env));
    }

    /**
     * As {@link #fromEnvironment(Map, Clock, Sleeper, RandomGenerator)}, with SQS clients from
     * {@code sqsFactory}; Step Functions reached through the Okta client's HTTP client, waiting with {@code sleeper}.
     */
    public static OnboardingRuntime fromEnvironment(Map<String, String> env, Clock clock, Sleeper sleeper,
            RandomGenerator random, Supplier<SqsCalls> sqsFactory) {
        OnboardingSettings settings = OnboardingSettings.fromEnvironment(env);
        ProvisioningConfig config = ProvisioningConfig.fromEnvironment(env);
        HttpClient http = BackgroundHttpClient.start(() -> OktaClient.defaultHttpClient(Duration.ofSeconds(5)));
        // A service app asks only for what creating needs (the idempotent lookup included).
        ProvisioningRuntime provisioning = new ProvisioningRuntime(config,
                ProvisioningRuntime.credentialSource(config, env, clock, http, OAuthScopes.CREATE_USERS),
                http, clock, sleeper, random, ProvisioningMetrics.fromEnvironment(env));
        return new OnboardingRuntime(provisioning, settings, sqsFactory,
                () -> StepFunctionsClients.fromEnvironment(env, http, clock, sleeper), random);
    }

    /** The invocation's deadline: its remaining time minus the core's safety margin. */
    public Deadline deadline(long remainingMillis) {
        return provisioning.deadline(remainingMillis);
    }

    public ProvisioningRuntime provisioning() {
        return provisioning;
    }

    public OnboardingSettings settings() {
        return settings;
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
