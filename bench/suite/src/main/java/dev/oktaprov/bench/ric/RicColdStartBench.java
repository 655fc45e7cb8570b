package dev.oktaprov.bench.ric;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.bench.LocalBackends;
import dev.oktaprov.bench.Repository;
import dev.oktaprov.bench.TemplateFacts;
import dev.oktaprov.bench.coldstart.ColdStartBench.Cell;
import dev.oktaprov.bench.coldstart.FunctionCase;
import dev.oktaprov.bench.coldstart.Variant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Cold starts under the real Lambda Java runtime interface client: each run a fresh JVM started as
 * the managed {@code java17} runtime starts one ({@link ManagedJavaRuntime}), with the function's jar
 * unpacked as its task root, talking to a Runtime API endpoint of the bench's own
 * ({@link RuntimeApiEndpoint}) that hands it the function's sample event twice. Whatever the handler
 * is — a {@code RequestHandler} or a {@code RequestStreamHandler} — the client invokes it as Lambda does.
 *
 * <p>Two kinds of start: on demand ({@link Variant#TEMPLATE}: {@code AWS_LAMBDA_INITIALIZATION_TYPE}
 * {@code on-demand}, the role's keys in the environment) and SnapStart ({@link Variant#PRIMED}:
 * {@code snap-start}, so the client runs the functions' CRaC {@code beforeCheckpoint} hooks after init,
 * asks {@code /runtime/restore/next}, runs {@code afterRestore}; container credentials instead of keys).
 * No memory snapshot is taken: the JVM goes on, so the first request after that is the first request
 * after a restore with a perfectly warm snapshot — a lower bound for the real one.
 *
 * <p>Runs of the cells are interleaved (ours, peer, ours, peer, …) so that a noisy neighbour on a
 * shared machine hurts both sides alike.
 */
public final class RicColdStartBench {

    /**
     * One fresh runtime, in milliseconds from the moment the suite started its process.
     *
     * @param init until the client first asked for work (for SnapStart: until it asked {@code restore/next},
     *     i.e. init and the beforeCheckpoint hooks)
     * @param afterRestore SnapStart only: from {@code restore/next} to the first {@code next} (the afterRestore hooks)
     * @param firstInvocation from handing out the first event to its answer
     * @param firstAnswer process start until the first answer was posted
     * @param secondInvocation the second event, handed out to answered
     * @param cpuAtInit, cpuAtFirstAnswer the process's CPU time (all threads) at those moments
     * @param peakRssKb the process's peak resident set after the second answer
     */
    public record RicRun(double init, double afterRestore, double firstInvocation, double firstAnswer,
            double secondInvocation, double cpuAtInit, double cpuAtFirstAnswer, long peakRssKb) {
    }

    /**
     * The runs of every cell, and the cells that could not start: a SnapStart cell whose init or hooks
     * fail is reported with the reason (as publishing such a version would fail) rather than ending the suite.
     */
    public record Results(Map<Cell, List<RicRun>> runs, Map<Cell, String> failures) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long RUN_TIMEOUT_SECONDS = 120;
    private static final int INVOCATIONS = 2;
    private static final String LAMBDA_PATH = "/usr/local/bin:/usr/bin/:/bin:/opt/bin";

    private final Repository repository;
    private final TemplateFacts template;
    private final LocalBackends backends;
    private final Repository baseline;
    private final ManagedJavaRuntime runtime;
    private final List<String> extraFlags;
    private final Map<Path, Path> taskRoots = new LinkedHashMap<>();

    /** @param baseline an earlier build of this repository (its function jars), or null */
    public RicColdStartBench(Repository repository, TemplateFacts template, LocalBackends backends, Repository baseline,
            ManagedJavaRuntime runtime) {
        this(repository, template, backends, baseline, runtime, List.of());
    }

    /** @param extraFlags JVM flags after the managed runtime's (a profiler, class-load logging; see {@link RicProfile}) */
    RicColdStartBench(Repository repository, TemplateFacts template, LocalBackends backends, Repository baseline,
            ManagedJavaRuntime runtime, List<String> extraFlags) {
        this.repository = repository;
        this.template = template;
        this.backends = backends;
        this.baseline = baseline;
        this.runtime = runtime;
        this.extraFlags = List.copyOf(extraFlags);
    }

    /**
     * {@code runs} cold starts of every cell, interleaved. An on-demand run that does not answer as
     * expected stops the suite; a SnapStart cell that fails is left out of later rounds.
     */
    public Results measure(List<Cell> cells, int runs, Consumer<String> progress) {
        Map<Cell, List<RicRun>> results = new LinkedHashMap<>();
        Map<Cell, String> failures = new LinkedHashMap<>();
        for (Cell cell : cells) {
            if (cell.variant() != Variant.TEMPLATE && cell.variant() != Variant.PRIMED) {
                throw new IllegalArgumentException("under the runtime interface client only the template and primed variants run: " + cell);
            }
            results.put(cell, new ArrayList<>());
            Path jar = cell.jar(repository, baseline);
            taskRoots.computeIfAbsent(jar, j -> ManagedJavaRuntime.taskRoot(j, repository.work().resolve("task")));
        }
        for (int run = 1; run <= runs; run++) {
            for (Cell cell : cells) {
                if (failures.containsKey(cell)) {
                    continue;
                }
                try {
                    results.get(cell).add(runOnce(cell));
                } catch (IllegalStateException e) {
                    if (!cell.variant().prime()) {
                        throw e;
                    }
                    failures.put(cell, e.getMessage());
                    results.remove(cell);
                    progress.accept("SnapStart start failed, left out: " + e.getMessage());
                }
            }
            progress.accept("cold start under the runtime interface client: round " + run + " of " + runs
                    + " (" + cells.size() + " JVMs each)");
        }
        return new Results(results, failures);
    }

    private RicRun runOnce(Cell cell) {
        FunctionCase function = cell.function();
        if (function.changesOkta()) {
            backends.okta().reset();
        }
        boolean snapStart = cell.variant().prime();
        String credentialsToken = "bench-" + UUID.randomUUID();
        byte[] event = readEvent(function);
        Path output = repository.work().resolve("ric-output.log");
        RuntimeApiTimeline timeline = new RuntimeApiTimeline(INVOCATIONS);
        try (RuntimeApiEndpoint endpoint = new RuntimeApiEndpoint(function.function(), backends.region(),
                1000L * function.timeoutSeconds(template), credentialsToken, List.of(event, event), timeline)) {
            Path taskRoot = taskRoots.get(cell.jar(repository, baseline));
            ProcessBuilder builder = new ProcessBuilder(runtime.command(function.memoryMb(template), extraFlags, cell.handler()))
                    .directory(taskRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment(cell, endpoint, taskRoot, snapStart, credentialsToken));
            long started;
            try {
                started = RuntimeProcess.run(builder, timeline, RUN_TIMEOUT_SECONDS, !extraFlags.isEmpty());
            } catch (RuntimeProcess.Failure e) {
                throw failed(cell, e.getMessage(), output);
            }
            return read(cell, timeline, started, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * What Lambda's environment holds for this function: the template's variables and the backends'
     * (as for the imitation probe), and the runtime's own (handler, runtime API, task root, init type,
     * tracing); with SnapStart, container credentials instead of the role's keys.
     */
    private Map<String, String> environment(Cell cell, RuntimeApiEndpoint endpoint, Path taskRoot, boolean snapStart,
            String credentialsToken) {
        FunctionCase function = cell.function();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", LAMBDA_PATH);
        env.put("LANG", "en_US.UTF-8");
        env.putAll(backends.functionEnvironment(template, function.function(), function.memoryMb(template), false));
        env.putAll(function.ownEnvironment());
        env.put("JAVA_TOOL_OPTIONS", template.javaToolOptions());
        env.put("_HANDLER", cell.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", snapStart ? "snap-start" : "on-demand");
        env.put("AWS_LAMBDA_RUNTIME_API", endpoint.hostAndPort());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[1]" + UUID.randomUUID().toString().replace("-", ""));
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", repository.ricRuntime().toString());
        // Tracing: Active in the template.
        env.put("AWS_XRAY_DAEMON_ADDRESS", "169.254.79.129:2000");
        env.put("AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR");
        if (snapStart) {
            env.remove("AWS_ACCESS_KEY_ID");
            env.remove("AWS_SECRET_ACCESS_KEY");
            env.remove("AWS_SESSION_TOKEN");
            env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.credentialsUri());
            env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", credentialsToken);
        }
        return env;
    }

    private RicRun read(Cell cell, RuntimeApiTimeline t, long started, Path output) throws IOException {
        for (int i = 0; i < INVOCATIONS; i++) {
            var answer = JSON.readTree(t.answer(i));
            if (i == 0 ? !cell.function().answeredAsExpected(answer) : !cell.function().answeredWithoutError(answer)) {
                throw failed(cell, "answer " + (i + 1) + " is not as expected (" + cell.function().expectation() + "): "
                        + abbreviate(t.answer(i)), output);
            }
        }
        boolean snapStart = cell.variant().prime();
        long initEnd = snapStart ? t.restoreNext() : t.firstNext();
        if (initEnd == 0) {
            throw failed(cell, "the runtime never asked " + (snapStart ? "restore/next" : "next"), output);
        }
        return new RicRun(ms(initEnd - started), snapStart ? ms(t.firstNext() - t.restoreNext()) : 0,
                ms(t.answered(0) - t.handedOut(0)), ms(t.answered(0) - started), ms(t.answered(1) - t.handedOut(1)),
                t.cpuAtFirstNext(), t.cpuAtAnswer(0), t.peakRssKb());
    }

    private byte[] readEvent(FunctionCase function) {
        try {
            return Files.readAllBytes(repository.event(function.event()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private IllegalStateException failed(Cell cell, String why, Path output) {
        Path kept = repository.work().resolve("failed-ric-" + cell.fileName() + ".log");
        try {
            Files.copy(output, kept, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ignored) {
            kept = output;
        }
        return new IllegalStateException(cell.implementation().label() + " " + cell.function().function() + " ["
                + cell.variant().id() + ", runtime interface client]: " + why + " (runtime output: " + kept + ")");
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
