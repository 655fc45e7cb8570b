package dev.oktaprov.local.moto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MotoLauncherTest {

    /** A liveness bound for processes to end, not a timing the test asserts. */
    private static final Duration ENDS_WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void theStartupLineOfMotoGivesThePortItListensOn() {
        assertThat(StartupOutput.listeningPort(" * Running on http://127.0.0.1:40043")).isEqualTo(OptionalInt.of(40043));
        assertThat(StartupOutput.listeningPort("Press CTRL+C to quit")).isEmpty();
        assertThat(StartupOutput.listeningPort("WARNING: This is a development server.")).isEmpty();
    }

    @Test
    void aMissingMotoServerIsNamedWithHowToInstallIt() {
        Map<String, String> nowhere = Map.of("PATH", dir.toString(), "HOME", dir.toString());

        assertThat(MotoLauncher.find(nowhere)).isEmpty();
        assertThatThrownBy(() -> MotoLauncher.start(nowhere, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("moto_server not found on PATH or in ~/.pyenv/shims")
                .hasMessageContaining("pip install 'moto[server]'");
    }

    @Test
    void itIsFoundOnPathFirstThenInThePyenvShims() throws Exception {
        Path shims = Files.createDirectories(dir.resolve("home/.pyenv/shims"));
        Path onPath = Files.createDirectories(dir.resolve("bin"));
        Path shim = executable(shims.resolve("moto_server"), "exit 0");

        assertThat(MotoLauncher.find(Map.of("PATH", onPath.toString(), "HOME", dir.resolve("home").toString())))
                .contains(shim);
        Path first = executable(onPath.resolve("moto_server"), "exit 0");
        assertThat(MotoLauncher.find(Map.of("PATH", "::" + onPath, "HOME", dir.resolve("home").toString())))
                .contains(first);
    }

    @Test
    void aMotoThatEndsBeforeListeningIsReportedWithItsExitStatusAndItsOutput() throws Exception {
        Path broken = executable(dir.resolve("moto_server"), "echo \"moto_server: error: unrecognized arguments: $*\"; exit 3");

        assertThatThrownBy(() -> MotoLauncher.start(broken, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("moto_server ended without listening (exit status 3)")
                .satisfies(e -> {
                    Path log = Path.of(e.getMessage().substring(e.getMessage().indexOf("see ") + "see ".length()));
                    assertThat(Files.readString(log)).contains("unrecognized arguments: -H 127.0.0.1 -p 0");
                });
    }

    @Test
    void itListensWithTheSettingsGivenAndCloseEndsEveryProcessItStarted() throws Exception {
        RunningMoto moto = MotoLauncher.start(System.getenv(), Map.of("INITIAL_NO_AUTH_ACTION_COUNT", "0"));
        List<ProcessHandle> processes;
        try {
            processes = moto.processes();
            assertThat(processes).anySatisfy(process -> assertThat(process.info().commandLine().orElse("")).contains("moto_server"));
            assertThat(Files.readString(moto.log())).contains("Running on " + moto.endpoint());
            // With no unauthenticated actions allowed, moto refuses a key its IAM never issued.
            assertThat(listQueues(moto.endpoint())).isEqualTo(403);
        } finally {
            moto.close();
        }
        for (ProcessHandle process : processes) {
            assertThat(process.onExit()).as("pid %d after close()", process.pid())
                    .succeedsWithin(ENDS_WITHIN.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static Path executable(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** An SQS query-API call signed (badly) with a key moto never issued. */
    private static int listQueues(URI endpoint) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/sqs/aws4_request,"
                        + " SignedHeaders=host, Signature=0")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=ListQueues"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
