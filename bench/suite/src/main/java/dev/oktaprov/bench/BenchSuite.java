package dev.oktaprov.bench;

import dev.oktaprov.bench.coldstart.ColdStartBench;
import dev.oktaprov.bench.coldstart.ColdStartBench.Cell;
import dev.oktaprov.bench.coldstart.FunctionCase;
import dev.oktaprov.bench.coldstart.Implementation;
import dev.oktaprov.bench.coldstart.Variant;
import dev.oktaprov.bench.jmh.JmhBench;
import dev.oktaprov.bench.report.MachineFacts;
import dev.oktaprov.bench.ric.ManagedJavaRuntime;
import dev.oktaprov.bench.ric.RicColdStartBench;
import dev.oktaprov.bench.size.JarFacts;
import dev.oktaprov.bench.throughput.OnboardingThroughput;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole performance suite in one command ({@code bench/run}): package size, cold start side by
 * side with the Okta-SDK peer under the real Lambda runtime interface client (and, with the imitation
 * probe, what each JVM flag or change buys), memory, warm overhead (JMH) and onboarding throughput;
 * writes {@code bench/results/latest.md} ({@code --only coldstart-ric}: {@code coldstart-ric.md}).
 */
public final class BenchSuite {

    private BenchSuite() {}

    public static void main(String[] args) throws IOException {
        SuiteOptions options;
        try {
            options = SuiteOptions.parse(args);
        } catch (IllegalArgumentException e) {
            boolean help = e.getMessage().equals(SuiteOptions.USAGE);
            (help ? System.out : System.err).println(e.getMessage());
            System.exit(help ? 0 : 2);
            return;
        }
        Repository repository = Repository.at(options.root());
        TemplateFacts template = TemplateFacts.read(repository.template());
        long started = System.nanoTime();
        SuiteReport report = new SuiteReport(options, template, MachineFacts.now(repository.root()));

        Repository baseline = options.baseline() == null ? null : Repository.at(options.baseline());
        if (baseline != null) {
            report.baselineJars(List.of("create-user", "get-user", "list-users").stream()
                    .map(name -> JarFacts.of(name, baseline.functionJar(name))).toList(), options.baseline());
        }
        report.jars(List.of(
                JarFacts.of("create-user", repository.functionJar("create-user")),
                JarFacts.of("get-user", repository.functionJar("get-user")),
                JarFacts.of("list-users", repository.functionJar("list-users")),
                JarFacts.of("onboarding-queue", repository.functionJar("onboarding-queue"))),
                JarFacts.of("peer (Okta SDK)", repository.peerJar()));

        if (options.runs("coldstart-ric") || options.runs("coldstart")) {
            try (LocalBackends backends = LocalBackends.start()) {
                if (options.runs("coldstart-ric")) {
                    ManagedJavaRuntime runtime = ManagedJavaRuntime.in(repository.ricRuntime());
                    RicColdStartBench bench = new RicColdStartBench(repository, template, backends, baseline, runtime);
                    report.ricColdStarts(bench.measure(ricCells(baseline != null), options.runs(), BenchSuite::progress),
                            runtime.clientVersion());
                }
                if (options.runs("coldstart")) {
                    ColdStartBench bench = new ColdStartBench(repository, template, backends, baseline);
                    report.coldStarts(bench.measure(imitationCells(), options.runs(), BenchSuite::progress));
                }
            }
        }
        if (options.runs("jmh")) {
            progress("JMH: warm invocations (one fork per operation)");
            report.jmh(JmhBench.run(repository, template.javaToolOptions(), template.globalMemoryMb(), options.quick()));
        }
        if (options.runs("throughput")) {
            report.throughput(OnboardingThroughput.run(repository, template, options, BenchSuite::progress));
        }
        report.finished((System.nanoTime() - started) / 1_000_000_000L, MachineFacts.loadAverage());
        Files.createDirectories(options.out().getParent());
        Files.writeString(options.out(), report.markdown());
        progress("wrote " + repository.root().relativize(options.out()));
    }

    /** Side by side under the runtime interface client: on demand and after SnapStart priming, the floors, onboarding. */
    static List<Cell> ricCells(boolean withBaseline) {
        List<Cell> cells = new ArrayList<>();
        for (FunctionCase function : FunctionCase.API) {
            cells.add(new Cell(function, Implementation.OURS, Variant.TEMPLATE));
            cells.add(new Cell(function, Implementation.PEER, Variant.TEMPLATE));
        }
        cells.add(new Cell(FunctionCase.ONBOARDING, Implementation.OURS, Variant.TEMPLATE));
        cells.add(new Cell(FunctionCase.FLOOR, Implementation.PEER, Variant.TEMPLATE));
        cells.add(new Cell(FunctionCase.FLOOR_STREAM, Implementation.PEER, Variant.TEMPLATE));
        for (FunctionCase function : List.of(FunctionCase.GET, FunctionCase.CREATE)) {
            cells.add(new Cell(function, Implementation.OURS, Variant.PRIMED));
            cells.add(new Cell(function, Implementation.PEER, Variant.PRIMED));
        }
        if (withBaseline) {
            cells.add(new Cell(FunctionCase.GET, Implementation.BASELINE, Variant.TEMPLATE));
            cells.add(new Cell(FunctionCase.GET, Implementation.BASELINE, Variant.PRIMED));
        }
        return cells;
    }

    /** The imitation probe: `get-user` only, each flag or variable varied against the template row. */
    static List<Cell> imitationCells() {
        List<Cell> cells = new ArrayList<>();
        for (Variant variant : List.of(Variant.TEMPLATE, Variant.NO_FLAGS, Variant.APP_CDS, Variant.PRIMED)) {
            cells.add(new Cell(FunctionCase.GET, Implementation.OURS, variant));
            cells.add(new Cell(FunctionCase.GET, Implementation.PEER, variant));
        }
        cells.add(new Cell(FunctionCase.GET, Implementation.OURS, Variant.NO_CDS));
        cells.add(new Cell(FunctionCase.GET, Implementation.OURS, Variant.TOKEN));
        return cells;
    }

    static void progress(String message) {
        System.err.println("[bench] " + message);
    }
}
