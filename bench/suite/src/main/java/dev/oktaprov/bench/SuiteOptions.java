package dev.oktaprov.bench;

import java.nio.file.Path;
import java.util.Set;

/**
 * The suite's command line.
 *
 * @param runs cold starts per cell (at least 10 for the report's medians)
 * @param quick fewer runs and shorter JMH iterations, for trying the suite out
 * @param skip sections left out: coldstart, jmh, throughput
 * @param fullOnboarding the 2,000-hire onboarding runs at Okta's real one-minute windows (about 7 min each)
 * @param baseline another checkout of this repository, its function jars built: measured beside the
 *     current jars as "ours at baseline", to show what a change set bought (null: none)
 */
public record SuiteOptions(Path root, Path out, int runs, boolean quick, Set<String> skip, boolean fullOnboarding,
        Path baseline, String command) {

    public static final String USAGE = """
            usage: bench/run [--runs N] [--quick] [--skip coldstart,jmh,throughput] [--full-onboarding] [--baseline-commit C] [--out FILE]
              --runs N            cold starts per measured cell (default 10)
              --quick             3 runs per cell and short JMH iterations: a smoke run, not for the README
              --skip LIST         leave sections out
              --full-onboarding   2,000 hires per onboarding scenario instead of three windows' worth (adds ~20 minutes)
              --baseline-commit C also measure the API function jars as built at commit C (built aside, tree untouched)
              --out FILE          where the Markdown goes (default bench/results/latest.md)""";

    public static SuiteOptions parse(String[] args) {
        Path root = Path.of(System.getProperty("oktaprov.root", ".")).toAbsolutePath().normalize();
        Path out = root.resolve("bench/results/latest.md");
        Integer runs = null;
        boolean quick = false;
        Set<String> skip = Set.of();
        boolean full = false;
        Path baseline = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--quick" -> quick = true;
                case "--skip" -> skip = Set.of(args[++i].split(","));
                case "--full-onboarding" -> full = true;
                case "--out" -> out = Path.of(args[++i]).toAbsolutePath();
                case "--baseline" -> baseline = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        int effectiveRuns = runs != null ? runs : quick ? 3 : 10;
        if (effectiveRuns < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        // bench/run passes its own command line (its --baseline-commit becomes --baseline here).
        String command = System.getenv("BENCH_COMMAND");
        return new SuiteOptions(root, out, effectiveRuns, quick, skip, full, baseline,
                command != null ? command : "bench/run" + (args.length == 0 ? "" : " " + String.join(" ", args)));
    }

    public boolean runs(String section) {
        return !skip.contains(section);
    }
}
