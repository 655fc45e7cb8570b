package dev.oktaprov.bench;

import static dev.oktaprov.bench.report.Markdown.mb;
import static dev.oktaprov.bench.report.Markdown.ms;
import static dev.oktaprov.bench.report.Markdown.one;
import static dev.oktaprov.bench.report.Markdown.table;
import static dev.oktaprov.bench.report.Markdown.two;

import dev.oktaprov.bench.coldstart.ColdStartBench.Cell;
import dev.oktaprov.bench.coldstart.FunctionCase;
import dev.oktaprov.bench.coldstart.Implementation;
import dev.oktaprov.bench.coldstart.ProbeRun;
import dev.oktaprov.bench.coldstart.Variant;
import dev.oktaprov.bench.jmh.JmhBench;
import dev.oktaprov.bench.ric.RicColdStartBench;
import dev.oktaprov.bench.report.MachineFacts;
import dev.oktaprov.bench.size.JarFacts;
import dev.oktaprov.bench.throughput.OnboardingThroughput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Collects the sections' numbers and writes them as the Markdown report. */
final class SuiteReport {

    /** Issue #14's targets: every function jar ≤ 8 MiB; a warm 200-user page ≤ 3 ms and ≤ 1.5 MB allocated. */
    private static final long MIB8 = 8L * 1024 * 1024;
    private static final double LIST_200_MICROS = 3_000;
    private static final double LIST_200_BYTES = 1_500_000;

    private final SuiteOptions options;
    private final TemplateFacts template;
    private final MachineFacts machine;
    private final StringBuilder body = new StringBuilder();
    private final List<List<String>> goals = new ArrayList<>();
    private final List<List<String>> effects = new ArrayList<>();
    private List<JarFacts> baselineJars;
    private java.nio.file.Path baselinePath;
    private long seconds;
    private String loadAtEnd = "";

    SuiteReport(SuiteOptions options, TemplateFacts template, MachineFacts machine) {
        this.options = options;
        this.template = template;
        this.machine = machine;
    }

    void baselineJars(List<JarFacts> jars, java.nio.file.Path path) {
        this.baselineJars = jars;
        this.baselinePath = path;
    }

    void jars(List<JarFacts> ours, JarFacts peer) {
        if (baselineJars != null) {
            for (JarFacts before : baselineJars) {
                ours.stream().filter(j -> j.name().equals(before.name())).findFirst().ifPresent(now -> effects.add(List.of(
                        "`" + now.name() + "` jar MB (classes)", mb(before.bytes()) + " (" + String.format("%,d", before.classes()) + ")",
                        mb(now.bytes()) + " (" + String.format("%,d", now.classes()) + ")",
                        two((double) now.bytes() / before.bytes()) + " ×")));
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (JarFacts jar : ours) {
            rows.add(List.of("`" + jar.name() + "`", mb(jar.bytes()), String.format("%,d", jar.classes()),
                    two((double) jar.bytes() / peer.bytes())));
        }
        rows.add(List.of(peer.name(), mb(peer.bytes()), String.format("%,d", peer.classes()), "1.00"));
        body.append("## Package size\n\nThe shaded jar each function deploys (`functions/NAME/target/NAME.jar`), against the peer's:"
                + " the same AWS SDK and Powertools parts with Okta's SDK instead of our client.\n\n");
        body.append(table(List.of("jar", "MB", "classes", "size / peer"), rows)).append('\n');
        JarFacts largestOfAll = ours.stream().max((a, b) -> Long.compare(a.bytes(), b.bytes())).orElseThrow();
        goals.add(List.of("every function jar ≤ 8 MiB (8,388,608 bytes)", "largest " + String.format("%,d", largestOfAll.bytes())
                + " bytes (" + largestOfAll.name() + ")", largestOfAll.bytes() <= MIB8 ? "met" : "**not met**"));
        JarFacts largest = ours.stream().filter(j -> !j.name().equals("onboarding-queue"))
                .max((a, b) -> Long.compare(a.bytes(), b.bytes())).orElseThrow();
        goals.add(List.of("API jar ≤ 1/3 of the peer's", two((double) largest.bytes() / peer.bytes()) + " × peer",
                largest.bytes() * 3 <= peer.bytes() ? "met" : "**not met**"));
    }

    void ricColdStarts(RicColdStartBench.Results results, String clientVersion) {
        RicReport ric = new RicReport(results.runs(), results.failures());
        body.append(ric.section(options.runs(), clientVersion, template, goals));
        effects.addAll(ric.againstBaseline());
    }

    /** The imitation probe's runs: what each JVM flag or change buys, which the runtime client cannot vary. */
    void coldStarts(Map<Cell, List<ProbeRun>> runs) {
        body.append("## What each flag and change buys (`get-user`, imitation probe)\n\nNot the runtime interface client: a fresh JVM per"
                + " run with `java -XX:MaxRAM=").append(template.globalMemoryMb())
                .append("m -cp bench-probe.jar:<function jar>`, where `bench/probe` imitates the runtime (constructs the handler,")
                .append(" turns the sample event into its input with the runtime's own serializers, invokes it with a Lambda context)")
                .append(" so that flags and variables can be varied one at a time; the template's `JAVA_TOOL_OPTIONS` (`")
                .append(template.javaToolOptions()).append("`) unless the row says otherwise, the same backends. Time from process")
                .append(" start to the first answer; median of ").append(options.runs())
                .append(" runs [min–max], interleaved. Compare rows with each other, not with the table above.\n\n");
        List<List<String>> variants = new ArrayList<>();
        for (Variant variant : List.of(Variant.TEMPLATE, Variant.NO_FLAGS, Variant.NO_CDS, Variant.APP_CDS, Variant.TOKEN, Variant.PRIMED)) {
            Cell ours = new Cell(FunctionCase.GET, Implementation.OURS, variant);
            Cell peer = new Cell(FunctionCase.GET, Implementation.PEER, variant);
            if (!runs.containsKey(ours)) {
                continue;
            }
            Samples o = total(runs, ours);
            Samples p = runs.containsKey(peer) ? total(runs, peer) : new Samples(new double[0]);
            String firstAfterPrime = variant.prime() ? " (first request " + ms(stat(runs, ours, ProbeRun::firstRequest)) + ")" : "";
            String peerFirst = variant.prime() && !p.isEmpty() ? " (first request " + ms(stat(runs, peer, ProbeRun::firstRequest)) + ")" : "";
            variants.add(List.of(variant.label(), spread(o) + firstAfterPrime, p.isEmpty() ? "–" : spread(p) + peerFirst,
                    p.isEmpty() ? "–" : two(o.median() / p.median()), variant.buys()));
        }
        body.append(table(List.of("variant", "ours ms", "peer ms", "ours / peer", "shows"), variants)).append('\n');

        Cell ours = new Cell(FunctionCase.GET, Implementation.OURS, Variant.TEMPLATE);
        Cell peer = new Cell(FunctionCase.GET, Implementation.PEER, Variant.TEMPLATE);
        if (runs.containsKey(ours) && runs.containsKey(peer)) {
            body.append("Heap after the first two invocations of the template rows (medians): in use ")
                    .append(ms(stat(runs, ours, r -> r.heapUsedBytes() / 1048576.0))).append(" MB ours, ")
                    .append(ms(stat(runs, peer, r -> r.heapUsedBytes() / 1048576.0))).append(" MB the peer's; live after a full GC ")
                    .append(ms(stat(runs, ours, r -> r.liveHeapBytes() / 1048576.0))).append(" MB ours, ")
                    .append(ms(stat(runs, peer, r -> r.liveHeapBytes() / 1048576.0))).append(" MB the peer's; classes loaded ")
                    .append(ms(stat(runs, ours, r -> r.classesLoaded()))).append(" / ")
                    .append(ms(stat(runs, peer, r -> r.classesLoaded()))).append(".\n\n");
        }
    }

    void jmh(List<JmhBench.Result> results) {
        body.append("## Warm overhead (JMH)\n\nThe handler's own cost per warm invocation: event JSON through the runtime's serializer,"
                + " the handler (validation, use case, Okta client, response, its JSON log line and EMF metrics, written to a null"
                + " stream), answer JSON; Okta answered in-process by replaying the simulator's recorded answers. JMH 1.37, 1 fork, "
                + (options.quick() ? "1 × 1 s warm-up, 2 × 1 s" : "3 × 1 s warm-up, 5 × 1 s")
                + " measured, template flags (C1 only), `-prof gc`. On 2 shared cores the error bars are wide.\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (JmhBench.Result r : results) {
            rows.add(List.of("`" + r.operation() + "`", one(r.microsPerOp()) + " ± " + one(r.error()),
                    String.format("%,.0f", r.bytesPerOp())));
            if (r.operation().equals("list-200")) {
                goals.add(List.of("warm 200-user page ≤ 3 ms and ≤ 1.5 MB allocated", one(r.microsPerOp()) + " µs, "
                        + String.format("%,.0f", r.bytesPerOp()) + " bytes", r.microsPerOp() <= LIST_200_MICROS
                        && r.bytesPerOp() <= LIST_200_BYTES ? "met" : "**not met**"));
            } else if (!r.operation().startsWith("sqs")) {
                goals.add(List.of("warm API invocation well under 1 ms (" + r.operation() + ")", one(r.microsPerOp()) + " µs",
                        r.microsPerOp() < 1000 ? "met" : "**not met**"));
            }
        }
        body.append(table(List.of("operation", "µs / invocation", "bytes allocated / invocation"), rows)).append('\n');
    }

    void throughput(List<OnboardingThroughput.Result> results) {
        body.append("## Onboarding throughput\n\nThe local runner's set as `./run-local` starts it (the simulator, ElasticMQ queue and DLQ,"
                + " the poller with the template's batch size 10, batching window 5 s and maximum concurrency 2, the onboarding handler"
                + " with `ONBOARDING_PARALLELISM` 4 and the template's 50 % share of each Okta bucket), at Okta's real one-minute"
                + " windows; the scenarios run side by side, each in its own JVM. Users per minute count whole windows only (from"
                + " the first create to the first create of the last window), as the onboarding module's own throughput run does;"
                + " lost = hires neither in Okta nor in the DLQ, duplicated = Okta users beyond one per hire.\n\n");
        if (results.isEmpty()) {
            body.append("Not measured in this run.\n\n");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (OnboardingThroughput.Result r : results) {
            rows.add(List.of(r.scenario(), String.format("%,d", r.hires()), one(r.allowedPerMinute()), one(r.usersPerMinute()),
                    Math.round(100 * r.budgetShare()) + " %", Long.toString(r.tooManyRequests()), Long.toString(r.lost()),
                    Long.toString(r.duplicated()), Long.toString(r.deadLettered()), ms(r.seconds()), r.note()));
            goals.add(List.of("onboarding ≥ 90 % of the allowed budget (" + r.scenario() + ")",
                    Math.round(100 * r.budgetShare()) + " %", r.budgetShare() >= 0.9 ? "met" : "**not met**"));
            goals.add(List.of("onboarding: none lost, none duplicated (" + r.scenario() + ")",
                    r.lost() + " lost, " + r.duplicated() + " duplicated", r.lost() == 0 && r.duplicated() == 0 ? "met" : "**not met**"));
        }
        body.append(table(List.of("scenario", "hires", "allowed / min", "users / min", "of budget", "429s", "lost", "duplicated",
                "dead-lettered", "s", "notes"), rows));
        body.append("\nEach scenario is `java -cp <suite class path> dev.oktaprov.bench.throughput.ThroughputRun HIRES LIMIT FAULT-RATE"
                + " RESULT-FILE`, started by `").append(options.command()).append("`:\n\n");
        for (OnboardingThroughput.Result r : results) {
            body.append("- ").append(r.scenario()).append(": `").append(r.command()).append("`\n");
        }
        body.append('\n');
    }

    void finished(long seconds, String loadAtEnd) {
        this.seconds = seconds;
        this.loadAtEnd = loadAtEnd;
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(options.onlyRic() ? "# Performance: cold start under the Lambda runtime interface client\n\n"
                : "# Performance: latest run\n\n");
        out.append("Written by `").append(options.command()).append("` on ").append(machine.date()).append(" in ").append(seconds / 60)
                .append(" min ").append(seconds % 60).append(" s, at commit `").append(machine.commit()).append("`.\n\n");
        out.append("Machine: ").append(machine.cores()).append(" cores (").append(machine.cpu()).append("), ")
                .append(machine.memoryMb()).append(" MB, ").append(machine.os()).append(", ").append(machine.jdk())
                .append(". Load average (1/5/15 min) at start ").append(machine.loadAtStart()).append(", at end ").append(loadAtEnd)
                .append(": the machine is shared, so absolute times move from run to run; ratios of interleaved runs hold better.\n\n");
        if (!goals.isEmpty()) {
            out.append("## Goals\n\n").append(table(List.of("goal", "measured", ""), goals)).append('\n');
        }
        if (!effects.isEmpty()) {
            out.append("## This build against the baseline\n\nThe function jars built in `").append(baselinePath)
                    .append("` measured in the same run, interleaved with this build's (median of ").append(options.runs())
                    .append(" runs).\n\n").append(table(List.of("measure", "baseline", "now", "now / baseline"), effects)).append('\n');
        }
        out.append(body);
        return out.toString();
    }

    private static Samples total(Map<Cell, List<ProbeRun>> runs, Cell cell) {
        List<ProbeRun> list = runs.get(cell);
        return list == null ? new Samples(new double[0]) : Samples.of(list.stream().map(ProbeRun::total).toList());
    }

    private static double stat(Map<Cell, List<ProbeRun>> runs, Cell cell, ToDoubleFunction<ProbeRun> value) {
        List<ProbeRun> list = runs.get(cell);
        return list == null ? Double.NaN : new Samples(list.stream().mapToDouble(value).toArray()).median();
    }

    private static String spread(Samples samples) {
        return ms(samples.median()) + " [" + ms(samples.min()) + "–" + ms(samples.max()) + "]";
    }
}
