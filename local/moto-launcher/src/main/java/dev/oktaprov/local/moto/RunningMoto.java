package dev.oktaprov.local.moto;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A moto_server {@link MotoLauncher} started, listening at {@link #endpoint()}, until {@link #close()}. */
public final class RunningMoto implements AutoCloseable {

    /** moto's own grace after SIGTERM is 5 s ({@link TiedToThisJvm}); this is the JVM's after that. */
    private static final Duration STOP = Duration.ofSeconds(10);

    private final Process process;
    private final URI endpoint;
    private final Path log;

    RunningMoto(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** {@code http://127.0.0.1:PORT}, the port moto bound. */
    public URI endpoint() {
        return endpoint;
    }

    /** moto's output, for error messages. */
    public Path log() {
        return log;
    }

    /** The processes this server is: the shell that ties moto to this JVM, moto, and what they started. */
    List<ProcessHandle> processes() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
    }

    /**
     * Stops moto the way it stops when this JVM ends (the end of the pipe its shell watches) and returns
     * once it has ended; what is still running after {@link #STOP} is killed, the whole tree.
     */
    @Override
    public void close() {
        List<ProcessHandle> tree = processes();
        try {
            process.getOutputStream().close();
            if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            tree.forEach(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            tree.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }
}
