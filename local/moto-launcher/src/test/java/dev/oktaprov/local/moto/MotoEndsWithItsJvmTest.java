package dev.oktaprov.local.moto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A JVM killed with SIGKILL (PIT's timed-out minion, a developer's kill -9, a cancelled CI job) runs
 * no shutdown hook and no close(); the moto_server it started must end all the same.
 */
class MotoEndsWithItsJvmTest {

    /** A liveness bound for the processes to end, not a timing the test asserts. */
    private static final Duration ENDS_WITHIN = Duration.ofSeconds(30);

    @Test
    void motoStartedByAJvmEndsWhenThatJvmIsKilled() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(), StartsMotoAndWaits.class.getName())
                .redirectErrorStream(true)
                .start();
        List<ProcessHandle> started = new ArrayList<>();
        try {
            URI endpoint = null;
            BufferedReader output = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line = output.readLine(); line != null && !line.equals("started"); line = output.readLine()) {
                seen.append(line).append('\n');
                if (line.startsWith("endpoint ")) {
                    endpoint = URI.create(line.substring("endpoint ".length()));
                } else if (line.startsWith("pid ")) {
                    ProcessHandle.of(Long.parseLong(line.substring("pid ".length()))).ifPresent(started::add);
                }
            }
            assertThat(endpoint).as("the child JVM's output:\n%s", seen).isNotNull();
            assertThat(statusOf(endpoint.resolve("/moto-api/"))).as("moto answers while its JVM lives").isEqualTo(200);
            assertThat(started).as("the processes the child JVM started")
                    .anySatisfy(process -> assertThat(process.info().commandLine().orElse("")).contains("moto_server"));

            jvm.destroyForcibly().waitFor();

            for (ProcessHandle process : started) {
                assertThat(endedWithin(process, ENDS_WITHIN))
                        .as("%s, started by the killed JVM, has ended", process.info().commandLine().orElse("pid " + process.pid()))
                        .isTrue();
            }
        } finally {
            // Whatever the outcome, this test leaves nothing behind.
            started.forEach(ProcessHandle::destroyForcibly);
            jvm.destroyForcibly();
        }
    }

    private static boolean endedWithin(ProcessHandle process, Duration bound) throws Exception {
        try {
            process.onExit().get(bound.toSeconds(), TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    private static int statusOf(URI uri) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** This module's classes and test classes: the launcher has no dependencies. */
    private static String classPath() throws Exception {
        return location(MotoLauncher.class) + java.io.File.pathSeparator + location(StartsMotoAndWaits.class);
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
