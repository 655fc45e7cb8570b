package dev.oktaprov.local;

import dev.oktaprov.local.api.LocalHttpApi;
import dev.oktaprov.local.functions.FunctionEnvironment;
import dev.oktaprov.local.functions.LocalFunction;
import dev.oktaprov.local.functions.LocalFunctions;
import dev.oktaprov.local.functions.OktaTarget;
import dev.oktaprov.local.onboard.LocalOutcomes;
import dev.oktaprov.local.sqs.EventSourceMapping;
import dev.oktaprov.local.sqs.EventSourceMappingSettings;
import dev.oktaprov.local.sqs.LocalSqs;
import dev.oktaprov.local.sqs.QueuePair;
import dev.oktaprov.local.sqs.RecursiveLoop;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SeedFiles;
import dev.oktaprov.simulator.SimulatorOptions;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The whole function set on this machine: the Okta simulator (or the user's org), the onboarding
 * queue and its DLQ with the template's RedrivePolicy, the onboarding function behind an event source
 * mapping with the template's settings, and, when asked for, the local HTTP API in front of the
 * create, get and list functions. Closing it stops everything it started, last started first.
 */
public final class LocalSet implements AutoCloseable {

    /** Past this, close() stops waiting for a running onboarding batch (Ctrl-C should not hang for 90 s). */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final LocalSetSettings settings;
    private final OktaTarget okta;
    private final OktaSimulator simulator;
    private final LocalSqs sqs;
    private final QueuePair queues;
    private final LocalFunction onboarding;
    private final EventSourceMapping mapping;
    private final LocalHttpApi api;
    private final Map<String, String> onboardingLocalSettings;
    private final Deque<AutoCloseable> started;

    private LocalSet(Builder built) {
        this.settings = built.settings;
        this.okta = built.okta;
        this.simulator = built.simulator;
        this.sqs = built.sqs;
        this.queues = built.queues;
        this.onboarding = built.onboarding;
        this.mapping = built.mapping;
        this.api = built.api;
        this.onboardingLocalSettings = built.onboardingLocalSettings;
        this.started = built.started;
    }

    /**
     * Starts the set. With {@code OKTA_ORG_URL} and {@code OKTA_API_TOKEN} (or {@code OKTA_SECRET_ID})
     * in {@code shell}, the functions use that org and no simulator is started.
     *
     * @param shell the runner's environment: the real org, {@code AWS_ENDPOINT_URL} (another SQS),
     *     {@code AWS_REGION}, and settings passed on to the functions
     * @param logSink where the handlers' context logger and the pollers' notes go
     * @throws StartException when something cannot start (a port in use, a bad setting); what did start is stopped
     */
    public static LocalSet start(LocalSetSettings settings, Map<String, String> shell, Consumer<String> logSink) {
        Builder builder = new Builder(settings);
        try {
            builder.okta(shell);
            builder.queues(shell);
            builder.functions(shell, logSink);
            return new LocalSet(builder);
        } catch (RuntimeException e) {
            builder.closeStarted();
            throw e instanceof StartException start ? start : new StartException(describe(e), e);
        }
    }

    /** What could not start, in words for the terminal. */
    public static final class StartException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StartException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    public OktaTarget okta() {
        return okta;
    }

    /** The simulator, or null when the functions use a real org. */
    public OktaSimulator simulator() {
        return simulator;
    }

    public LocalSqs sqs() {
        return sqs;
    }

    public QueuePair queues() {
        return queues;
    }

    public EventSourceMapping mapping() {
        return mapping;
    }

    /** The local HTTP API, or null when the set was started without one. */
    public LocalHttpApi api() {
        return api;
    }

    public LocalFunction onboardingFunction() {
        return onboarding;
    }

    public LocalSetSettings settings() {
        return settings;
    }

    /** The onboarding variables the runner lowered for the local run, with their values. */
    public Map<String, String> onboardingLocalSettings() {
        return onboardingLocalSettings;
    }

    /** Follows onboarding outcomes through the onboarding function's own counters. */
    public LocalOutcomes outcomes() {
        return new LocalOutcomes(onboarding.counters(), mapping, sqs.client(), queues.dlqUrl());
    }

    /** Stops the HTTP API, the poller (letting a running batch finish briefly), the queues and the simulator. */
    @Override
    public void close() {
        closeAll(started);
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        RuntimeException first = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("stopping the local set failed", e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Starts the parts in order and remembers each, so that a failure halfway stops what is running. */
    private static final class Builder {
        final LocalSetSettings settings;
        final Deque<AutoCloseable> started = new ArrayDeque<>();
        OktaTarget okta;
        OktaSimulator simulator;
        LocalSqs sqs;
        QueuePair queues;
        LocalFunction onboarding;
        EventSourceMapping mapping;
        LocalHttpApi api;
        Map<String, String> onboardingLocalSettings;

        Builder(LocalSetSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        void okta(Map<String, String> shell) {
            String orgUrl = blankToNull(shell.get("OKTA_ORG_URL"));
            if (orgUrl != null) {
                okta = realOrg(orgUrl, shell);
                return;
            }
            SimulatorOptions options = SimulatorOptions.defaults().withPort(settings.oktaPort());
            if (settings.oktaToken() != null) {
                options = options.withToken(settings.oktaToken());
            }
            if (settings.oktaSeed() != null) {
                options = options.withSeed(SeedFiles.read(settings.oktaSeed()));
            }
            if (settings.oktaUsersLimit() != null) {
                options = options.withLimit(RateLimitBucket.USERS, settings.oktaUsersLimit());
            }
            try {
                simulator = OktaSimulator.start(options);
            } catch (RuntimeException e) {
                throw new StartException("the Okta simulator did not start (" + describe(e)
                        + "); if the port is taken, choose another with --okta-port or LOCAL_OKTA_PORT", e);
            }
            started.push(simulator);
            okta = OktaTarget.simulator(simulator.baseUrl(), simulator.token());
        }

        private static OktaTarget realOrg(String orgUrl, Map<String, String> shell) {
            String token = blankToNull(shell.get("OKTA_API_TOKEN"));
            String secretId = blankToNull(shell.get("OKTA_SECRET_ID"));
            if (token == null && secretId == null) {
                throw new StartException("OKTA_ORG_URL is set, so the functions use that org: set OKTA_API_TOKEN "
                        + "(an API token of that org) or OKTA_SECRET_ID too, or unset OKTA_ORG_URL to use the simulator", null);
            }
            return new OktaTarget(orgUrl.strip(), token != null ? Map.of("OKTA_API_TOKEN", token)
                    : Map.of("OKTA_SECRET_ID", secretId), false);
        }

        void queues(Map<String, String> shell) {
            Map<String, String> sqsEnv = new LinkedHashMap<>();
            if (blankToNull(shell.get("AWS_ENDPOINT_URL")) != null) {
                sqsEnv.put("AWS_ENDPOINT_URL", shell.get("AWS_ENDPOINT_URL"));
            }
            String region = blankToNull(shell.get("AWS_REGION")) != null ? shell.get("AWS_REGION") : shell.get("AWS_DEFAULT_REGION");
            if (blankToNull(region) != null) {
                sqsEnv.put("AWS_REGION", region.strip());
            }
            sqs = LocalSqs.start(sqsEnv);
            started.push(sqs);
            queues = sqs.createQueueWithDlq(settings.queueName(), settings.maxReceiveCount(), settings.visibilityTimeout(),
                    false);
        }

        void functions(Map<String, String> shell, Consumer<String> logSink) {
            FunctionEnvironment environment = new FunctionEnvironment(shell, okta, sqs.region());
            onboardingLocalSettings = new LinkedHashMap<>();
            onboardingLocalSettings.put("ONBOARDING_RETRY_BASE_SECONDS", Long.toString(settings.retryBase().toSeconds()));
            onboardingLocalSettings.put("ONBOARDING_RETRY_MAX_SECONDS", Long.toString(settings.retryMax().toSeconds()));
            onboarding = LocalFunctions.onboarding(environment, queues.dlqUrl(), onboardingLocalSettings, sqs.client());
            EventSourceMappingSettings mappingSettings = EventSourceMappingSettings.forQueue(queues.queueArn())
                    .withRegion(sqs.region())
                    .withFunctionName(TemplateSettings.ONBOARDING.name())
                    .withBatchSize(settings.batchSize())
                    .withMaximumBatchingWindow(settings.batchingWindow())
                    .withMaximumConcurrency(settings.maximumConcurrency())
                    .withFunctionTimeout(TemplateSettings.ONBOARDING.timeout())
                    .withFunctionMemoryMb(TemplateSettings.ONBOARDING.memoryMb())
                    .withReportBatchItemFailures(true)
                    .withRecursiveLoop(RecursiveLoop.fromTemplate(TemplateSettings.ONBOARDING_RECURSIVE_LOOP));
            mapping = EventSourceMapping.builder(sqs.client(), mappingSettings, onboarding.handler())
                    .logSink(logSink)
                    .closeTimeout(CLOSE_TIMEOUT)
                    .start();
            started.push(mapping);
            if (settings.apiPort() != null) {
                var apiFunctions = LocalFunctions.api(environment);
                try {
                    api = LocalHttpApi.start(settings.apiPort(), apiFunctions, sqs.region(), Clock.systemUTC(), logSink);
                } catch (UncheckedIOException e) {
                    throw new StartException("the local HTTP API " + describe(e)
                            + "; choose another port with --api-port or LOCAL_API_PORT", e);
                }
                started.push(api);
            }
        }

        void closeStarted() {
            try {
                closeAll(started);
            } catch (RuntimeException ignored) {
                // The start failure is what the user needs to see.
            }
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }
}
