package dev.oktaprov.bench.jmh;

import dev.oktaprov.bench.Repository;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link HandlerBenchmark}: one fork per operation, short iterations (the suite has minutes,
 * not hours), C1 only as the template runs the functions, allocation per operation from
 * {@code -prof gc}.
 */
public final class JmhBench {

    /** One operation's result: mean µs per invocation with its 99.9 % error, bytes allocated per invocation. */
    public record Result(String operation, double microsPerOp, double error, double bytesPerOp) {}

    private JmhBench() {}

    public static List<Result> run(Repository repository, String javaToolOptions, int memoryMb, boolean quick) {
        Options options = new OptionsBuilder()
                .include(HandlerBenchmark.class.getName() + ".invoke")
                .forks(1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(1))
                .threads(1)
                .addProfiler(GCProfiler.class)
                .jvmArgs(jvmArgs(repository, javaToolOptions, memoryMb))
                .output(repository.work().resolve("jmh.log").toString())
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results;
        try {
            java.nio.file.Files.createDirectories(repository.work());
            results = new Runner(options).run();
        } catch (RunnerException | java.io.IOException e) {
            throw new IllegalStateException("JMH failed; see " + repository.work().resolve("jmh.log"), e);
        }
        List<Result> out = new ArrayList<>();
        for (RunResult run : results) {
            String operation = run.getParams().getParam("operation");
            double score = run.getPrimaryResult().getScore();
            double error = run.getPrimaryResult().getScoreError();
            org.openjdk.jmh.results.Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
            out.add(new Result(operation, score, error, alloc == null ? Double.NaN : alloc.getScore()));
        }
        return out;
    }

    private static String[] jvmArgs(Repository repository, String javaToolOptions, int memoryMb) {
        List<String> args = new ArrayList<>(List.of(javaToolOptions.trim().split("\\s+")));
        args.add("-XX:MaxRAM=" + memoryMb + "m");
        args.add("-D" + HandlerBenchmark.EVENTS_PROPERTY + "=" + repository.root().resolve("events"));
        return args.toArray(String[]::new);
    }
}
