package dev.oktaprov.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The suite's command line.
 *
 * @param runs cold starts per cell
 * @param quick fewer runs and shorter JMH iterations, for trying the suite out
 * @param skip sections left out: coldstart-ric, coldstart (the imitation probe's variants), jmh, throughput
 * @param fullOnboarding the 2,000-hire onboarding runs at Okta's real one-minute windows (about 7 min each)
 * @param baseline another checkout of this repository, its function jars built: measured beside the
 *     current jars as "ours at baseline", to show what a change set bought (null: none)
 */
public record SuiteOptions(Path root, Path out, int runs, boolean quick, Set<String> skip, boolean fullOnboarding,
        Path baseline, String command) {

    /** The sections, in the order they run. */
    public static final List<String> SECTIONS = List.of("coldstart-ric", "coldstart", "jmh", "throughput");

    public static final String USAGE = """
            usage: bench/run [--only SECTION | --skip LIST] [--runs N] [--quick] [--full-onboarding] [--baseline-commit C] [--out FILE]
              --only SECTION      run one section: coldstart-ric (cold starts under the real Lambda runtime interface
                                  client, ~4 min; writes bench/results/coldstart-ric.md), coldstart (the imitation
                                  probe's flag variants), jmh or throughput
              --skip LIST         leave sections out (comma-separated, same names)
              --runs N            cold starts per measured cell (default 7)
              --quick             3 runs per cell and short JMH iterations: a smoke run, not for the README
              --full-onboarding   2,000 hires per onboarding scenario instead of three windows' worth (adds ~20 minutes)
              --baseline-commit C also measure the API function jars as built at commit C (built aside, tree untouched)
              --out FILE          where the Markdown goes (default bench/results/latest.md)""";

    public static SuiteOptions parse(String[] args) {
        Path root = Path.of(System.getProperty("oktaprov.root", ".")).toAbsolutePath().normalize();
        Path out = null;
        Integer runs = null;
        boolean quick = false;
        Set<String> skip = Set.of();
        boolean full = false;
        Path baseline = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--quick" -> quick = true;
                case "--skip" -> skip = sections(args[++i]);
                case "--only" -> {
                    Set<String> only = sections(args[++i]);
                    skip = SECTIONS.stream().filter(section -> !only.contains(section)).collect(Collectors.toUnmodifiableSet());
                }
                case "--full-onboarding" -> full = true;
                case "--out" -> out = Path.of(args[++i]).toAbsolutePath();
                case "--baseline" -> baseline = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        int effectiveRuns = runs != null ? runs : quick ? 3 : 7;
        if (effectiveRuns < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        if (out == null) {
            boolean onlyRic = skip.containsAll(SECTIONS.subList(1, SECTIONS.size())) && !skip.contains(SECTIONS.get(0));
            out = root.resolve(onlyRic ? "bench/results/coldstart-ric.md" : "bench/results/latest.md");
        }
        // bench/run passes its own command line (its --baseline-commit becomes --baseline here).
        String command = System.getenv("BENCH_COMMAND");
        return new SuiteOptions(root, out, effectiveRuns, quick, skip, full, baseline,
                command != null ? command : "bench/run" + (args.length == 0 ? "" : " " + String.join(" ", args)));
    }

    public boolean runs(String section) {
        return !skip.contains(section);
    }

    /** Only the cold starts under the runtime interface client run. */
    public boolean onlyRic() {
        return SECTIONS.stream().filter(this::runs).toList().equals(List.of("coldstart-ric"));
    }

    private static Set<String> sections(String list) {
        Set<String> named = Set.of(list.split(","));
        for (String section : named) {
            if (!SECTIONS.contains(section)) {
                throw new IllegalArgumentException("unknown section " + section + " (" + String.join(", ", SECTIONS) + ")\n" + USAGE);
            }
        }
        return named;
    }
}
