package dev.oktaprov.bench.throughput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.bench.Repository;
import dev.oktaprov.bench.SuiteOptions;
import dev.oktaprov.bench.TemplateFacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Onboarding throughput through the local runner's set, at Okta's real one-minute windows: the
 * simulator's default limit, a tight one, and the default with 5 % injected 5xx faults, side by
 * side in their own JVMs. By default each scenario sends three windows' worth of hires (about
 * three minutes in all); {@code --full-onboarding} sends the onboarding issue's 2,000.
 */
public final class OnboardingThroughput {

    /** One scenario's outcome. */
    public record Result(String scenario, String command, int hires, double allowedPerMinute, double usersPerMinute,
            long tooManyRequests, long lost, long duplicated, long deadLettered, double seconds, String note) {

        public double budgetShare() {
            return usersPerMinute / allowedPerMinute;
        }
    }

    record Scenario(String name, Integer usersLimit, double faultRate, int quickWindows) {
        String limitArgument() {
            return usersLimit == null ? "default" : usersLimit.toString();
        }

        int hires(boolean full) {
            if (full) {
                return 2000;
            }
            int perMinute = usersLimit == null ? 600 : usersLimit;
            return quickWindows * perMinute * ThroughputRun.share() / 100;
        }
    }

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("Okta's default limit (600/min)", null, 0, 3),
            new Scenario("tight limit (200/min)", 200, 0, 3),
            new Scenario("default limit, 5 % faults (500/503/504)", null, 0.05, 3));

    private OnboardingThroughput() {}

    public static List<Result> run(Repository repository, TemplateFacts template, SuiteOptions options, Consumer<String> progress) {
        List<Process> processes = new ArrayList<>();
        List<Path> results = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        try {
            Files.createDirectories(repository.work());
            for (int i = 0; i < SCENARIOS.size(); i++) {
                Scenario scenario = SCENARIOS.get(i);
                Path result = repository.work().resolve("throughput-" + i + ".json");
                Files.deleteIfExists(result);
                List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+UseSerialGC", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                        ThroughputRun.class.getName(), Integer.toString(scenario.hires(options.fullOnboarding())),
                        scenario.limitArgument(), Double.toString(scenario.faultRate()), result.toString());
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(repository.work().resolve("throughput-" + i + ".log").toFile());
                builder.environment().remove("AWS_ENDPOINT_URL");
                processes.add(builder.start());
                results.add(result);
                commands.add("ThroughputRun " + scenario.hires(options.fullOnboarding()) + " " + scenario.limitArgument() + " "
                        + scenario.faultRate());
            }
            progress.accept("onboarding throughput: " + SCENARIOS.size() + " scenarios side by side ("
                    + (options.fullOnboarding() ? "2,000 hires each, up to ~20 min" : "three rate-limit windows each, ~3-4 min") + ")");
            List<Result> out = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (int i = 0; i < SCENARIOS.size(); i++) {
                Process process = processes.get(i);
                if (!process.waitFor(options.fullOnboarding() ? 60 : 20, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("onboarding scenario " + i + " did not finish; see "
                            + repository.work().resolve("throughput-" + i + ".log"));
                }
                if (!Files.isRegularFile(results.get(i))) {
                    throw new IllegalStateException("onboarding scenario " + i + " failed; see "
                            + repository.work().resolve("throughput-" + i + ".log"));
                }
                JsonNode r = json.readTree(results.get(i).toFile());
                Scenario scenario = SCENARIOS.get(i);
                String note = (r.path("drained").asBoolean() ? "" : "queue not drained; ")
                        + r.path("invocations").asLong() + " invocations"
                        + (scenario.faultRate() > 0 ? ", " + r.path("faultsInjected").asLong() + " faults injected" : "");
                out.add(new Result(scenario.name(), commands.get(i), r.path("hires").asInt(), r.path("allowedPerMinute").asDouble(),
                        r.path("usersPerMinute").asDouble(), r.path("tooManyRequests").asLong(), r.path("lost").asLong(),
                        r.path("duplicated").asLong(), r.path("deadLettered").asLong(), r.path("seconds").asDouble(), note));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            processes.forEach(p -> {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
            });
        }
    }

}
