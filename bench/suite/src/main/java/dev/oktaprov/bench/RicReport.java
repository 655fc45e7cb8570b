package dev.oktaprov.bench;

import static dev.oktaprov.bench.report.Markdown.ms;
import static dev.oktaprov.bench.report.Markdown.one;
import static dev.oktaprov.bench.report.Markdown.table;
import static dev.oktaprov.bench.report.Markdown.two;

import dev.oktaprov.bench.coldstart.ColdStartBench.Cell;
import dev.oktaprov.bench.coldstart.FunctionCase;
import dev.oktaprov.bench.coldstart.Implementation;
import dev.oktaprov.bench.coldstart.Variant;
import dev.oktaprov.bench.ric.ManagedJavaRuntime;
import dev.oktaprov.bench.ric.RicColdStartBench.RicRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The report's headline cold-start section: fresh runtimes under the real runtime interface client. */
final class RicReport {

    /** Issue #14's targets: first answer on a fresh JVM, and first request after SnapStart priming. */
    private static final double FIRST_ANSWER_TARGET = 0.7;
    private static final double PRIMED_TARGET = 0.3;
    private static final List<FunctionCase> TARGETED = List.of(FunctionCase.GET, FunctionCase.CREATE);

    private final Map<Cell, List<RicRun>> runs;
    private final Map<Cell, String> failures;

    RicReport(Map<Cell, List<RicRun>> runs, Map<Cell, String> failures) {
        this.runs = runs;
        this.failures = failures;
    }

    String section(int runsPerCell, String clientVersion, TemplateFacts template, List<List<String>> goals) {
        StringBuilder out = new StringBuilder();
        out.append("## Cold start under the Lambda runtime interface client\n\nA fresh JVM per run, started as Lambda's managed `java17`"
                + " runtime starts one: `com.amazonaws:aws-lambda-java-runtime-interface-client:").append(clientVersion)
                .append("` (`").append(ManagedJavaRuntime.MAIN_CLASS).append("`) with the managed runtime's flags (`-XX:MaxHeapSize=`85 %")
                .append(" of `MemorySize`, `-XX:+UseSerialGC -Xshare:auto -XX:+TieredCompilation -XX:TieredStopAtLevel=1`,")
                .append(" `-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac -Djava.net.preferIPv4Stack=true`, …; `-XX:MaxRAM=")
                .append(template.globalMemoryMb()).append("m` as the micro-VM), the template's `JAVA_TOOL_OPTIONS`, the function's jar")
                .append(" unpacked as its task root, Lambda's environment variables. The bench's own Runtime API endpoint hands it the")
                .append(" function's sample event twice; Okta = the simulator and Secrets Manager = moto_server, both on loopback. Same")
                .append(" flags and parts for ours and the peer, runs interleaved. Median of ").append(runsPerCell)
                .append(" runs [min–max], ms from process start; CPU = the process's user + system time (all threads) from `/proc`.\n\n");

        List<List<String>> rows = new ArrayList<>();
        for (FunctionCase function : FunctionCase.API) {
            Cell ours = new Cell(function, Implementation.OURS, Variant.TEMPLATE);
            Cell peer = new Cell(function, Implementation.PEER, Variant.TEMPLATE);
            if (!runs.containsKey(ours) || !runs.containsKey(peer)) {
                continue;
            }
            double ratio = stat(ours, RicRun::firstAnswer) / stat(peer, RicRun::firstAnswer);
            rows.add(List.of("`" + function.function() + "`", spread(ours, RicRun::firstAnswer), spread(peer, RicRun::firstAnswer),
                    two(ratio), ms(stat(ours, RicRun::init)) + " / " + ms(stat(peer, RicRun::init)),
                    two(stat(ours, RicRun::init) / stat(peer, RicRun::init)),
                    ms(stat(ours, RicRun::cpuAtFirstAnswer)) + " / " + ms(stat(peer, RicRun::cpuAtFirstAnswer)),
                    two(stat(ours, RicRun::cpuAtFirstAnswer) / stat(peer, RicRun::cpuAtFirstAnswer))));
            if (TARGETED.contains(function)) {
                goals.add(List.of("first answer, fresh JVM under the runtime client ≤ " + FIRST_ANSWER_TARGET + " × peer ("
                        + function.function() + ")", two(ratio) + " × peer", ratio <= FIRST_ANSWER_TARGET ? "met" : "**not met**"));
            }
        }
        for (FunctionCase alone : List.of(FunctionCase.ONBOARDING, FunctionCase.FLOOR, FunctionCase.FLOOR_STREAM)) {
            Cell cell = new Cell(alone, alone == FunctionCase.ONBOARDING ? Implementation.OURS : Implementation.PEER, Variant.TEMPLATE);
            if (runs.containsKey(cell)) {
                rows.add(List.of(label(alone), spread(cell, RicRun::firstAnswer), "", "", ms(stat(cell, RicRun::init)), "",
                        ms(stat(cell, RicRun::cpuAtFirstAnswer)), ""));
            }
        }
        out.append(table(List.of("function", "first answer, ours", "peer (Okta SDK)", "ours / peer", "init, ours / peer",
                "init ratio", "CPU at first answer, ours / peer", "CPU ratio"), rows));

        out.append("\nWhere the time goes (medians, ms): init = process start until the client first asks for work (JVM start, the"
                + " client, the handler's class and constructor, and for a `RequestHandler` the runtime's POJO serializer);"
                + " first invocation = event handed out until the answer is posted; then a second invocation of the same event.\n\n");
        List<List<String>> phases = new ArrayList<>();
        for (Map.Entry<Cell, List<RicRun>> entry : runs.entrySet()) {
            Cell cell = entry.getKey();
            if (cell.variant() != Variant.TEMPLATE) {
                continue;
            }
            phases.add(List.of(label(cell), spread(cell, RicRun::init), ms(stat(cell, RicRun::firstInvocation)),
                    ms(stat(cell, RicRun::firstAnswer)), one(stat(cell, RicRun::secondInvocation)), ms(stat(cell, RicRun::cpuAtInit)),
                    ms(stat(cell, RicRun::cpuAtFirstAnswer)), ms(stat(cell, r -> r.peakRssKb() / 1024.0))));
        }
        out.append(table(List.of("run", "init", "first invocation", "first answer", "second invocation", "CPU at init",
                "CPU at first answer", "peak RSS MB"), phases)).append('\n');

        appendSnapStart(out, goals);
        return out.toString();
    }

    private void appendSnapStart(StringBuilder out, List<List<String>> goals) {
        List<List<String>> rows = new ArrayList<>();
        for (FunctionCase function : FunctionCase.API) {
            Cell ours = new Cell(function, Implementation.OURS, Variant.PRIMED);
            Cell peer = new Cell(function, Implementation.PEER, Variant.PRIMED);
            if (failures.containsKey(ours) || failures.containsKey(peer)) {
                rows.add(List.of("`" + function.function() + "`", failures.containsKey(ours) ? "**fails**" : spread(ours, RicRun::firstInvocation),
                        failures.containsKey(peer) ? "**fails**" : spread(peer, RicRun::firstInvocation), "–", "", ""));
                if (TARGETED.contains(function)) {
                    goals.add(List.of("first request after SnapStart priming ≤ " + PRIMED_TARGET + " × peer (" + function.function() + ")",
                            "the SnapStart init fails under the runtime client", "**not met**"));
                }
                continue;
            }
            if (!runs.containsKey(ours) || !runs.containsKey(peer)) {
                continue;
            }
            double ratio = stat(ours, RicRun::firstInvocation) / stat(peer, RicRun::firstInvocation);
            rows.add(List.of("`" + function.function() + "`", spread(ours, RicRun::firstInvocation), spread(peer, RicRun::firstInvocation),
                    two(ratio), ms(stat(ours, RicRun::init)) + " / " + ms(stat(peer, RicRun::init)),
                    one(stat(ours, RicRun::afterRestore)) + " / " + one(stat(peer, RicRun::afterRestore))));
            if (TARGETED.contains(function)) {
                goals.add(List.of("first request after SnapStart priming ≤ " + PRIMED_TARGET + " × peer (" + function.function() + ")",
                        two(ratio) + " × peer", ratio <= PRIMED_TARGET ? "met" : "**not met**"));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        out.append("### First request after SnapStart priming\n\nThe same runtime with `AWS_LAMBDA_INITIALIZATION_TYPE=snap-start`:"
                + " after init the client runs the CRaC `beforeCheckpoint` hooks (ours prime there; the peer has none), asks"
                + " `/runtime/restore/next`, runs `afterRestore`, then takes the event; the role's keys are replaced by container"
                + " credentials served by the endpoint, as Lambda does for SnapStart functions. No memory snapshot is taken (this JDK"
                + " has no CRaC): the JVM simply goes on, so the first request here is that of a perfectly warm restore, a lower"
                + " bound for Lambda's.\n\n");
        out.append(table(List.of("function", "first request after restore, ours", "peer", "ours / peer",
                "init + beforeCheckpoint ours / peer", "afterRestore ours / peer"), rows)).append('\n');
        for (Map.Entry<Cell, String> failure : failures.entrySet()) {
            out.append("- **").append(label(failure.getKey())).append(", SnapStart, fails**: ").append(failure.getValue()
                    .replaceAll(" \\(runtime output: [^)]*\\)$", "").replaceFirst("^[^\\]]*\\]: ", "")).append('\n');
        }
        if (!failures.isEmpty()) {
            out.append('\n');
        }
    }

    /** Rows for "this build against the baseline", from the baseline cells if they ran. */
    List<List<String>> againstBaseline() {
        List<List<String>> effects = new ArrayList<>();
        Cell before = new Cell(FunctionCase.GET, Implementation.BASELINE, Variant.TEMPLATE);
        Cell now = new Cell(FunctionCase.GET, Implementation.OURS, Variant.TEMPLATE);
        if (runs.containsKey(before) && runs.containsKey(now)) {
            effects.add(effect("`get-user` first answer under the runtime client, ms", before, now, RicRun::firstAnswer));
            effects.add(effect("`get-user` init under the runtime client, ms", before, now, RicRun::init));
            effects.add(effect("`get-user` CPU at first answer, ms", before, now, RicRun::cpuAtFirstAnswer));
        }
        Cell primedBefore = new Cell(FunctionCase.GET, Implementation.BASELINE, Variant.PRIMED);
        Cell primedNow = new Cell(FunctionCase.GET, Implementation.OURS, Variant.PRIMED);
        if (runs.containsKey(primedBefore) && runs.containsKey(primedNow)) {
            effects.add(effect("`get-user` first request after SnapStart priming, ms", primedBefore, primedNow, RicRun::firstInvocation));
        }
        return effects;
    }

    private List<String> effect(String measure, Cell before, Cell now, ToDoubleFunction<RicRun> value) {
        return List.of(measure, ms(stat(before, value)), ms(stat(now, value)), two(stat(now, value) / stat(before, value)) + " ×");
    }

    private static String label(Cell cell) {
        return cell.function() == FunctionCase.FLOOR || cell.function() == FunctionCase.FLOOR_STREAM
                ? label(cell.function()) : "`" + cell.function().function() + "` " + cell.implementation().label();
    }

    private static String label(FunctionCase function) {
        if (function == FunctionCase.FLOOR) {
            return "floor: `RequestHandler<Map, Map>`, one Powertools log line, no Okta, no AWS";
        }
        if (function == FunctionCase.FLOOR_STREAM) {
            return "floor as a `RequestStreamHandler`";
        }
        return "`" + function.function() + "` (SQS sample, 3 hires)";
    }

    private double stat(Cell cell, ToDoubleFunction<RicRun> value) {
        List<RicRun> list = runs.get(cell);
        return list == null ? Double.NaN : new Samples(list.stream().mapToDouble(value).toArray()).median();
    }

    private String spread(Cell cell, ToDoubleFunction<RicRun> value) {
        Samples samples = new Samples(runs.get(cell).stream().mapToDouble(value).toArray());
        return ms(samples.median()) + " [" + ms(samples.min()) + "–" + ms(samples.max()) + "]";
    }
}
