package dev.oktaprov.local.workflow;

import dev.oktaprov.local.moto.MotoLauncher;
import dev.oktaprov.local.moto.RunningMoto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * moto_server with its Step Functions interpreter switched on, on 127.0.0.1 ({@link MotoLauncher}: on
 * a port it binds itself, ended with this JVM however it ends): started with {@code TZ=UTC} (a Wait
 * compares the server's local time) and {@code MOTO_PORT} set to the port where this runner answers
 * Lambda invocations (moto's interpreter calls Lambda at {@code localhost:$MOTO_PORT}), while moto
 * itself listens on another port behind it.
 */
final class MotoProcess implements AutoCloseable {

    private static final String CONFIG = "{\"stepfunctions\": {\"execute_state_machine\": true}, \"lambda\": {\"use_docker\": false}}";

    private final RunningMoto moto;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private MotoProcess(RunningMoto moto) {
        this.moto = moto;
    }

    /**
     * Starts it and switches the interpreter on.
     *
     * @param lambdaPort where the interpreter sends Lambda invocations: the runner's own port, bound already
     */
    static MotoProcess start(Path executable, int lambdaPort) {
        MotoProcess started = new MotoProcess(MotoLauncher.start(executable,
                Map.of("TZ", "UTC", "MOTO_PORT", Integer.toString(lambdaPort))));
        try {
            started.post("/moto-api/config", CONFIG);
            return started;
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    URI endpoint() {
        return moto.endpoint();
    }

    /** Forgets every state machine and execution (running ones go on in moto's threads, unseen). */
    void reset() {
        post("/moto-api/reset", "");
    }

    private void post(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint().resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("moto_server answered " + response.statusCode() + " to " + path + "; see " + moto.log());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("moto_server did not answer " + path + "; see " + moto.log(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops it and whatever it started. */
    @Override
    public void close() {
        moto.close();
    }
}
