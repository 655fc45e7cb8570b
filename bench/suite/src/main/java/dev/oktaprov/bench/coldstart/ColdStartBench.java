package dev.oktaprov.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.bench.LocalBackends;
import dev.oktaprov.bench.Repository;
import dev.oktaprov.bench.TemplateFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold starts: each run a fresh JVM with one shaded jar and the probe, against the local backends.
 * Runs of the cells being compared are interleaved (ours, peer, ours, peer, …) so that a noisy
 * neighbour on this shared machine hurts both sides alike.
 */
public final class ColdStartBench {

    /** A cell of a table: one function, one implementation, one variant. */
    public record Cell(FunctionCase function, Implementation implementation, Variant variant) {
        public String fileName() {
            return function.function() + "-" + implementation.name().toLowerCase() + "-" + variant.id();
        }

        /** The shaded jar this cell runs: the function's, the baseline build's, or the peer's. */
        public Path jar(Repository repository, Repository baseline) {
            return switch (implementation) {
                case OURS -> repository.functionJar(function.function());
                case BASELINE -> baseline.functionJar(function.function());
                case PEER -> repository.peerJar();
            };
        }

        public String handler() {
            return implementation == Implementation.PEER ? function.peerHandler() : function.ourHandler();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long RUN_TIMEOUT_SECONDS = 120;

    private final Repository repository;
    private final TemplateFacts template;
    private final LocalBackends backends;
    private final Repository baseline;
    private final Map<Cell, Path> cdsArchives = new LinkedHashMap<>();

    /** @param baseline an earlier build of this repository (its function jars), or null */
    public ColdStartBench(Repository repository, TemplateFacts template, LocalBackends backends, Repository baseline) {
        this.repository = repository;
        this.template = template;
        this.backends = backends;
        this.baseline = baseline;
    }

    /** {@code runs} cold starts of every cell, interleaved; a run that does not answer as expected stops the suite. */
    public Map<Cell, List<ProbeRun>> measure(List<Cell> cells, int runs, java.util.function.Consumer<String> progress) {
        Map<Cell, List<ProbeRun>> results = new LinkedHashMap<>();
        for (Cell cell : cells) {
            results.put(cell, new ArrayList<>());
            if (cell.variant().extraFlags().contains(Variant.APP_CDS_ARCHIVE)) {
                cdsArchives.computeIfAbsent(cell, this::trainArchive);
            }
        }
        for (int run = 1; run <= runs; run++) {
            for (Cell cell : cells) {
                results.get(cell).add(runOnce(cell));
            }
            progress.accept("cold start: round " + run + " of " + runs + " (" + cells.size() + " JVMs each)");
        }
        return results;
    }

    /** -XX:ArchiveClassesAtExit on one run of this cell's class path: the AppCDS archive its runs then map. */
    private Path trainArchive(Cell cell) {
        Path archive = repository.work().resolve("cds").resolve(cell.fileName() + ".jsa");
        try {
            Files.createDirectories(archive.getParent());
            Files.deleteIfExists(archive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Variant training = new Variant("training", "training", "", true, List.of("-XX:ArchiveClassesAtExit=" + archive),
                false, false);
        runOnce(new Cell(cell.function(), cell.implementation(), training));
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the JVM wrote no AppCDS archive at " + archive);
        }
        return archive;
    }

    private ProbeRun runOnce(Cell cell) {
        FunctionCase function = cell.function();
        if (function.changesOkta()) {
            backends.okta().reset();
        }
        Path jar = cell.jar(repository, baseline);
        String handler = cell.handler();
        Path work = repository.work();
        Path result = work.resolve("probe-result.json");
        Path output = work.resolve("probe-output.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Lambda's memory setting, as the JVM's idea of the machine: heap ergonomics and the
        // collector (Serial below 1792 MB) follow from it.
        int memoryMb = function.memoryMb(template);
        command.add("-XX:MaxRAM=" + memoryMb + "m");
        for (String flag : cell.variant().extraFlags()) {
            command.add(flag.equals(Variant.APP_CDS_ARCHIVE) ? "-XX:SharedArchiveFile=" + cdsArchives.get(cell) : flag);
        }
        command.add("-cp");
        command.add(repository.probeJar() + java.io.File.pathSeparator + jar);
        command.add("dev.oktaprov.bench.probe.ColdStartProbe");
        command.addAll(List.of("--handler", handler, "--event", repository.event(function.event()).toString(),
                "--result", result.toString()));
        if (cell.variant().prime()) {
            command.add("--prime");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path == null ? "/usr/bin:/bin" : path);
        env.putAll(backends.functionEnvironment(template, function.function(), memoryMb, cell.variant().viaToken()));
        env.putAll(function.ownEnvironment());
        if (cell.variant().templateFlags()) {
            // As Lambda passes them: the JVM picks them up from the environment.
            env.put("JAVA_TOOL_OPTIONS", template.javaToolOptions());
        }
        try {
            Files.createDirectories(work);
            Files.deleteIfExists(result);
            long started = micros();
            Process process = builder.start();
            if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw failed(cell, "no answer within " + RUN_TIMEOUT_SECONDS + " s", output);
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(result)) {
                throw failed(cell, "the probe exited with " + process.exitValue(), output);
            }
            return read(cell, JSON.readTree(result.toFile()), started, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private ProbeRun read(Cell cell, JsonNode r, long started, Path output) throws IOException {
        JsonNode answer = JSON.readTree(r.path("firstAnswer").asText());
        if (!cell.function().answeredAsExpected(answer)) {
            throw failed(cell, "did not answer as expected (" + cell.function().expectation() + "): "
                    + abbreviate(r.path("firstAnswer").asText()), output);
        }
        long main = r.path("mainEnteredMicros").asLong();
        long constructed = r.path("constructedMicros").asLong();
        long primed = r.path("primedMicros").asLong();
        long answered = r.path("answeredMicros").asLong();
        long second = r.path("secondAnsweredMicros").asLong();
        return new ProbeRun(ms(main - started), ms(constructed - main), ms(primed - constructed), ms(answered - primed),
                ms(answered - started), ms(second - answered), r.path("cpuMillisAtAnswer").asDouble(),
                r.path("peakRssKb").asLong(), r.path("heapUsedBytes").asLong(), r.path("liveHeapBytes").asLong(),
                r.path("classesLoaded").asLong());
    }

    private IllegalStateException failed(Cell cell, String why, Path output) {
        Path kept = repository.work().resolve("failed-" + cell.fileName() + ".log");
        try {
            Files.copy(output, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ignored) {
            kept = output;
        }
        return new IllegalStateException(cell.implementation().label() + " " + cell.function().function() + " ["
                + cell.variant().id() + "]: " + why + " (function output: " + kept + ")");
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
