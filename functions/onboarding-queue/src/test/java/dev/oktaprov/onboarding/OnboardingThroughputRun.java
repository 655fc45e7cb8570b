package dev.oktaprov.onboarding;

import dev.oktaprov.local.sqs.EventSourceMapping;
import dev.oktaprov.local.sqs.EventSourceMappingSettings;
import dev.oktaprov.local.sqs.LocalSqs;
import dev.oktaprov.local.sqs.MappingCounters;
import dev.oktaprov.local.sqs.QueuePair;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The throughput benchmark (not a test): N hires through the onboarding function as the template
 * deploys it, in real time, against the Okta simulator with its default limit (600 creates a
 * minute) and this integration's default share of it (50 %): users created per minute, against
 * the 300 a minute allowed; 429s seen; lost and duplicated hires; DLQ messages.
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -pl functions/onboarding-queue -am \
 *   -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
 * cd functions/onboarding-queue
 * POWERTOOLS_LOG_LEVEL=WARN java -cp "target/test-classes:target/classes:$(cat target/test.classpath)" dev.oktaprov.onboarding.OnboardingThroughputRun 2000
 * </pre>
 *
 * Arguments (all optional): hires (2000), concurrent functions (2, the template's
 * OnboardingConcurrency), batch size (10), ONBOARDING_PARALLELISM (4), share percent (50). About
 * seven minutes for 2,000 hires: the rate limit sets the pace, so the machine mostly waits.
 */
public final class OnboardingThroughputRun {

    /** What one run measured. */
    public record Result(int hires, int usersCreated, int distinctLogins, long deadLetters, long tooManyRequests,
            double usersPerMinute, double allowedPerMinute, Duration elapsed, MappingCounters mapping) {

        public double shareOfBudget() {
            return usersPerMinute / allowedPerMinute;
        }

        @Override
        public String toString() {
            String pace = Double.isNaN(usersPerMinute)
                    ? String.format(Locale.ROOT, "sustained=n/a allowed=%.0f/min (all in one rate-limit window: the limit never applied)",
                            allowedPerMinute)
                    : String.format(Locale.ROOT, "sustained=%.1f/min allowed=%.0f/min (%.1f %% of the budget)",
                            usersPerMinute, allowedPerMinute, 100 * shareOfBudget());
            return String.format(Locale.ROOT,
                    "hires=%d created=%d distinct=%d lost=%d duplicated=%d dlq=%d 429s=%d elapsed=%ds (%.1f/min end to end)"
                            + " %s invocations=%d deliveries=%d",
                    hires, usersCreated, distinctLogins, hires - distinctLogins, usersCreated - distinctLogins,
                    deadLetters, tooManyRequests, elapsed.toSeconds(), usersCreated * 60_000.0 / elapsed.toMillis(),
                    pace, mapping.invocations(), mapping.messagesReceived());
        }
    }

    private OnboardingThroughputRun() {}

    public static void main(String[] args) throws Exception {
        int hires = argument(args, 0, 2000);
        int functions = argument(args, 1, 2);
        int batchSize = argument(args, 2, 10);
        int parallelism = argument(args, 3, 4);
        int share = argument(args, 4, 50);
        System.out.println(run(hires, functions, batchSize, parallelism, share));
    }

    public static Result run(int hires, int functions, int batchSize, int parallelism, int sharePercent) throws Exception {
        try (LocalSqs sqs = LocalSqs.start(Map.of());
             OktaSimulator okta = OktaSimulator.start(SimulatorOptions.defaults())) {
            // The template's queue: MaxReceiveCount 5, visibility 840 s.
            QueuePair queue = sqs.createQueueWithDlq("onboarding-throughput", 5, Duration.ofSeconds(840), false);
            Map<String, String> env = new HashMap<>();
            env.put("OKTA_ORG_URL", okta.baseUrl());
            env.put("OKTA_API_TOKEN", okta.token());
            env.put("OKTA_RATE_LIMIT_SHARE", Integer.toString(sharePercent));
            env.put("OKTA_MAX_ATTEMPTS", "4");
            env.put("OKTA_REQUEST_TIMEOUT_MS", "10000");
            env.put("DEADLINE_SAFETY_MARGIN_MS", "1500");
            env.put("ONBOARDING_DLQ_URL", queue.dlqUrl());
            env.put("ONBOARDING_PARALLELISM", Integer.toString(parallelism));
            env.put("AWS_REGION", sqs.region());
            env.put("AWS_ENDPOINT_URL", sqs.endpoint().toString());
            env.put("AWS_ACCESS_KEY_ID", "local");
            env.put("AWS_SECRET_ACCESS_KEY", "local");
            env.put("POWERTOOLS_LOG_LEVEL", "WARN");
            List<String> bodies = Hires.hires(0, hires);
            for (int from = 0; from < bodies.size(); from += 10) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (String body : bodies.subList(from, Math.min(from + 10, bodies.size()))) {
                    entries.add(SendMessageBatchRequestEntry.builder().id("m" + entries.size()).messageBody(body).build());
                }
                sqs.client().sendMessageBatch(b -> b.queueUrl(queue.queueUrl()).entries(entries));
            }
            ThreadLocal<OnboardingQueueHandler> handlers = ThreadLocal.withInitial(() -> new OnboardingQueueHandler(env));
            EventSourceMappingSettings settings = EventSourceMappingSettings.forQueue(queue.queueArn())
                    .withFunctionName("onboarding")
                    .withBatchSize(batchSize)
                    .withMaximumBatchingWindow(Duration.ofSeconds(5))
                    .withMaximumConcurrency(functions)
                    .withFunctionTimeout(Duration.ofSeconds(90))
                    .withFunctionMemoryMb(768);
            Instant started = Instant.now();
            MappingCounters counters;
            try (EventSourceMapping mapping = EventSourceMapping.builder(sqs.client(), settings,
                            (event, answer, context) -> handlers.get().handleRequest(event, answer, context))
                    .logSink(line -> { })
                    .start()) {
                if (!mapping.awaitDrained(Duration.ofMinutes(30))) {
                    throw new IllegalStateException("the queue did not drain within 30 minutes");
                }
                counters = mapping.counters();
            }
            Duration elapsed = Duration.between(started, Instant.now());
            List<SimulatedUser> users = okta.users();
            Set<String> logins = users.stream().map(u -> u.login().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            double perMinute = sustainedPerMinute(users.stream().map(SimulatedUser::created).sorted().toList());
            double allowed = okta.limit(RateLimitBucket.USERS) * sharePercent / 100.0;
            long deadLetters = sqs.approximateCount(queue.dlqUrl());
            return new Result(hires, users.size(), logins.size(), deadLetters, okta.counters().tooManyRequests(),
                    perMinute, allowed, elapsed, counters);
        }
    }

    /**
     * Creates per minute over whole rate-limit windows: from the first create to the first create
     * of the last window (found as the last pause of 20 s or more), so a last, partly filled window
     * does not flatter the figure. Without any pause (everything fit in one window, so the rate limit
     * never applied): NaN, as no pace says anything about the budget then.
     */
    static double sustainedPerMinute(List<Instant> created) {
        int lastWindowStart = 0;
        for (int i = created.size() - 1; i > 0; i--) {
            if (Duration.between(created.get(i - 1), created.get(i)).toSeconds() >= 20) {
                lastWindowStart = i;
                break;
            }
        }
        if (lastWindowStart == 0) {
            return Double.NaN;
        }
        double minutes = Math.max(1, Duration.between(created.get(0), created.get(lastWindowStart)).toMillis()) / 60_000.0;
        return lastWindowStart / minutes;
    }

    private static int argument(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
