package dev.oktaprov.bench.throughput;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.local.LocalSet;
import dev.oktaprov.local.LocalSetSettings;
import dev.oktaprov.local.TemplateSettings;
import dev.oktaprov.simulator.FaultPlan;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SeedGroup;
import dev.oktaprov.simulator.SimulatedUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * One onboarding scenario in a JVM of its own (the suite runs the scenarios side by side: each
 * waits on Okta's rate-limit windows, not on the CPU): the local runner's set as {@code ./run-local}
 * starts it (simulator, queue and DLQ with the template's settings, the poller, the onboarding
 * handler), N new hires sent to the queue, then everything followed until the queue is drained.
 *
 * <p>{@code hires usersLimitPerMinute|default faultRate resultFile}
 */
public final class ThroughputRun {

    static final String GROUP_ID = "00g1emaKYZTWRYYRRTSK";

    private ThroughputRun() {}

    public static void main(String[] args) throws Exception {
        int hires = Integer.parseInt(args[0]);
        Integer usersLimit = args[1].equals("default") ? null : Integer.valueOf(args[1]);
        double faultRate = Double.parseDouble(args[2]);
        Path resultFile = Path.of(args[3]);
        LocalSetSettings settings = new LocalSetSettings(null, 0, null, null, usersLimit, "bench-onboarding",
                TemplateSettings.BATCH_SIZE, Duration.ofSeconds(TemplateSettings.BATCHING_WINDOW_SECONDS),
                TemplateSettings.MAXIMUM_CONCURRENCY, TemplateSettings.MAX_RECEIVE_COUNT,
                Duration.ofSeconds(LocalSetSettings.LOCAL_VISIBILITY_TIMEOUT_SECONDS),
                Duration.ofSeconds(LocalSetSettings.LOCAL_RETRY_BASE_SECONDS),
                Duration.ofSeconds(LocalSetSettings.LOCAL_RETRY_MAX_SECONDS));
        Map<String, Object> result = new LinkedHashMap<>();
        try (LocalSet set = LocalSet.start(settings, Map.of(), line -> { })) {
            OktaSimulator okta = set.simulator();
            okta.addGroup(new SeedGroup(GROUP_ID, "Engineering", "All engineers", null));
            if (faultRate > 0) {
                okta.setFaults(FaultPlan.none().withErrorRate(faultRate));
            }
            List<String> logins = new ArrayList<>();
            Instant started = Instant.now();
            send(set, hires, logins);
            double allowedPerMinute = okta.limit(RateLimitBucket.USERS) * share() / 100.0;
            Duration patience = Duration.ofMinutes(5).plusSeconds((long) (hires / allowedPerMinute * 60 * 2));
            boolean drained = set.mapping().awaitDrained(patience);
            Duration elapsed = Duration.between(started, Instant.now());

            List<SimulatedUser> users = okta.users();
            Set<String> wanted = new HashSet<>(logins);
            Set<String> created = new HashSet<>();
            for (SimulatedUser user : users) {
                created.add(user.login().toLowerCase(Locale.ROOT));
            }
            long deadLettered = set.sqs().approximateCount(set.queues().dlqUrl());
            long createdHires = logins.stream().filter(created::contains).count();
            result.put("drained", drained);
            result.put("hires", hires);
            result.put("usersCreated", users.size());
            result.put("lost", Math.max(0, hires - createdHires - deadLettered));
            result.put("duplicated", users.size() - created.size() + created.stream().filter(l -> !wanted.contains(l)).count());
            result.put("deadLettered", deadLettered);
            result.put("tooManyRequests", okta.counters().tooManyRequests());
            result.put("faultsInjected", okta.counters().totalFaults());
            result.put("allowedPerMinute", allowedPerMinute);
            result.put("usersPerMinute", SustainedRate.perMinute(users.stream().map(SimulatedUser::created).sorted().toList()));
            result.put("seconds", elapsed.toMillis() / 1000.0);
            result.put("invocations", set.mapping().counters().invocations());
        }
        Files.writeString(resultFile, new ObjectMapper().writeValueAsString(result));
        System.exit(0);
    }

    /** The share the functions get: the template's OKTA_RATE_LIMIT_SHARE, as the runner passes it on. */
    static int share() {
        return Integer.parseInt(TemplateSettings.GLOBAL_ENVIRONMENT.get("OKTA_RATE_LIMIT_SHARE"));
    }

    private static void send(LocalSet set, int hires, List<String> logins) {
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < hires; i++) {
            String login = String.format(Locale.ROOT, "hire.%05d@example.com", i);
            logins.add(login);
            String body = "{\"firstName\":\"Hire\",\"lastName\":\"Number" + i + "\",\"email\":\"" + login + "\",\"login\":\""
                    + login + "\",\"groupIds\":[\"" + GROUP_ID + "\"],\"profile\":{\"department\":\"Engineering\"}}";
            batch.add(SendMessageBatchRequestEntry.builder().id("m" + batch.size()).messageBody(body).build());
            if (batch.size() == 10 || i == hires - 1) {
                List<SendMessageBatchRequestEntry> entries = List.copyOf(batch);
                set.sqs().client().sendMessageBatch(b -> b.queueUrl(set.queues().queueUrl()).entries(entries));
                batch.clear();
            }
        }
    }
}
