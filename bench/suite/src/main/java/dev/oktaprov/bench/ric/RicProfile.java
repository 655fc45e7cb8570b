package dev.oktaprov.bench.ric;

import dev.oktaprov.bench.LocalBackends;
import dev.oktaprov.bench.Repository;
import dev.oktaprov.bench.TemplateFacts;
import dev.oktaprov.bench.coldstart.ColdStartBench.Cell;
import dev.oktaprov.bench.coldstart.FunctionCase;
import dev.oktaprov.bench.coldstart.Implementation;
import dev.oktaprov.bench.coldstart.Variant;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One cold start under the runtime interface client with JVM flags of your choice, for finding where
 * a start spends its time: a profiler agent, {@code -Xlog:class+load}, a flight recording. The
 * runtime's output stays in bench/suite/target/work/ric-output.log.
 *
 * <pre>
 * java -cp bench/suite/target/classes:$(cat bench/suite/target/suite.classpath) -Doktaprov.root=. \
 *     dev.oktaprov.bench.ric.RicProfile get-user ours [primed] -- -Xlog:class+load:file=/tmp/classes.log:uptimenanos
 * </pre>
 */
public final class RicProfile {

    private RicProfile() {}

    public static void main(String[] args) {
        int dashes = Arrays.asList(args).indexOf("--");
        List<String> own = Arrays.asList(args).subList(0, dashes < 0 ? args.length : dashes);
        List<String> flags = dashes < 0 ? List.of() : Arrays.asList(args).subList(dashes + 1, args.length);
        if (own.size() < 2) {
            System.err.println("usage: RicProfile FUNCTION ours|peer [primed] [-- JVM FLAGS…]");
            System.exit(2);
        }
        FunctionCase function = (FunctionCase.API.stream().filter(f -> f.function().equals(own.get(0))).findFirst()
                .orElse(own.get(0).equals(FunctionCase.ONBOARDING.function()) ? FunctionCase.ONBOARDING : null));
        if (function == null) {
            throw new IllegalArgumentException("unknown function " + own.get(0));
        }
        Cell cell = new Cell(function, own.get(1).equals("peer") ? Implementation.PEER : Implementation.OURS,
                own.contains("primed") ? Variant.PRIMED : Variant.TEMPLATE);
        Repository repository = Repository.at(Path.of(System.getProperty("oktaprov.root", ".")));
        TemplateFacts template = TemplateFacts.read(repository.template());
        try (LocalBackends backends = LocalBackends.start()) {
            RicColdStartBench bench = new RicColdStartBench(repository, template, backends, null,
                    ManagedJavaRuntime.in(repository.ricRuntime()), flags);
            RicColdStartBench.Results results = bench.measure(List.of(cell), 1, message -> System.err.println("[profile] " + message));
            results.failures().values().forEach(failure -> System.out.println("failed: " + failure));
            results.runs().values().forEach(runs -> System.out.println(runs.get(0)));
        }
    }
}
