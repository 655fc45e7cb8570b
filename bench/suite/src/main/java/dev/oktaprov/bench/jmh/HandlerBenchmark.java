package dev.oktaprov.bench.jmh;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A handler's own cost per warm invocation: event JSON → handler (parse, validate, use case, Okta
 * client, response shaping, the JSON log line and EMF metrics) → answer JSON, with Okta answered
 * in-process. Log lines and metrics are produced in full but written to a null stream: the cost
 * of building them counts, the pipe to this benchmark's console does not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HandlerBenchmark {

    /** The repository's events directory, passed to the fork by the suite. */
    public static final String EVENTS_PROPERTY = "oktaprov.bench.events";

    @Param({Invocations.GET, Invocations.CREATE, Invocations.LIST_200, Invocations.SQS_BATCH_10})
    public String operation;

    private Invocations.Invocation invocation;

    @Setup
    public void setUp() {
        // Before anything initialises log4j or EMF, which keep the stream they find.
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        invocation = Invocations.prepare(operation, Path.of(System.getProperty(EVENTS_PROPERTY, "events")));
    }

    @Benchmark
    public byte[] invoke() {
        return invocation.invoke();
    }
}
