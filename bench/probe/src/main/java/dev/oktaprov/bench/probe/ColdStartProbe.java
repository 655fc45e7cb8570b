package dev.oktaprov.bench.probe;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.oktaprov.entrypoints.InvocationContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The main of one cold-start run: a fresh JVM with one function jar (ours or the peer's) and this
 * probe on its class path. It does what the Lambda Java runtime does on a cold start — construct
 * the handler and pick its serializers, turn the event JSON into the handler's input with them,
 * invoke, turn the answer back into JSON — and writes when each step ended, the answer and the
 * process's memory to a result file for the suite.
 *
 * <p>Times are wall-clock microseconds since the epoch, so the suite can subtract the moment it
 * started the process. With {@code --prime} the handler's SnapStart hooks run between construction
 * and the first invocation (beforeCheckpoint, then afterRestore), which is as close to "first
 * request after a snapshot restore" as a JVM without CRaC gets.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {}

    public static void main(String[] args) throws Exception {
        long mainEntered = micros();
        ProbeArguments arguments = ProbeArguments.parse(args);

        Object handler = Class.forName(arguments.handlerClass()).getDeclaredConstructor().newInstance();
        // The runtime picks the handler's serializers when it loads the handler, during init.
        LambdaInvoker invoker = LambdaInvoker.of(handler);
        long constructed = micros();

        long primed = constructed;
        if (arguments.prime()) {
            SnapStartHooks.checkpointAndRestore(handler);
            primed = micros();
        }

        byte[] event = Files.readAllBytes(arguments.event());
        Context context = probeContext();
        String firstAnswer = invoker.invoke(event, context);
        long answered = micros();
        long cpuAtAnswer = ProcessCpu.millis();

        String secondAnswer = invoker.invoke(event, probeContext());
        long secondAnswered = micros();

        ProbeResult result = new ProbeResult(mainEntered, constructed, primed, answered, secondAnswered,
                cpuAtAnswer, firstAnswer, secondAnswer, MemoryFacts.now());
        Files.writeString(arguments.result(), result.toJson(), StandardCharsets.UTF_8);
        // Anything the handler left running (HTTP client threads) must not keep the JVM alive.
        System.exit(0);
    }

    /** A context as the runtime builds it from the environment: the template's timeout (20 s) and memory. */
    private static Context probeContext() {
        return InvocationContext.fromEnvironment(System.getenv(), "probe", Duration.ofSeconds(20));
    }

    static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** Invokes a handler the way the Lambda Java runtime does, JSON in and JSON out. */
    interface LambdaInvoker {

        String invoke(byte[] eventJson, Context context) throws IOException;

        /** A {@link RequestStreamHandler} gets the bytes; a {@link RequestHandler} the runtime's serializers for its types. */
        @SuppressWarnings("unchecked")
        static LambdaInvoker of(Object handler) {
            if (handler instanceof RequestStreamHandler stream) {
                return (event, context) -> {
                    ByteArrayOutputStream json = new ByteArrayOutputStream();
                    stream.handleRequest(new ByteArrayInputStream(event), json, context);
                    return json.toString(StandardCharsets.UTF_8);
                };
            }
            if (!(handler instanceof RequestHandler<?, ?>)) {
                throw new IllegalArgumentException(handler.getClass().getName() + " is neither a RequestHandler nor a RequestStreamHandler");
            }
            var types = RuntimeSerializers.handlerTypes(handler.getClass());
            ClassLoader loader = handler.getClass().getClassLoader();
            RuntimeSerializers.Serializer input = RuntimeSerializers.forType(types.input(), loader);
            RuntimeSerializers.Serializer output = RuntimeSerializers.forType(types.output(), loader);
            RequestHandler<Object, Object> typed = (RequestHandler<Object, Object>) handler;
            return (event, context) -> {
                Object out = typed.handleRequest(input.fromJson(new ByteArrayInputStream(event)), context);
                ByteArrayOutputStream json = new ByteArrayOutputStream();
                output.toJson(out, json);
                return json.toString(StandardCharsets.UTF_8);
            };
        }
    }

    record ProbeArguments(String handlerClass, Path event, Path result, boolean prime) {

        static ProbeArguments parse(String[] args) {
            String handler = null;
            Path event = null;
            Path result = null;
            boolean prime = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--handler" -> handler = args[++i];
                    case "--event" -> event = Path.of(args[++i]);
                    case "--result" -> result = Path.of(args[++i]);
                    case "--prime" -> prime = true;
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; usage: --handler CLASS --event FILE --result FILE [--prime]");
                }
            }
            if (handler == null || event == null || result == null) {
                throw new IllegalArgumentException("usage: --handler CLASS --event FILE --result FILE [--prime]");
            }
            return new ProbeArguments(handler, event, result, prime);
        }
    }
}
