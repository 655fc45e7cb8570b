package dev.oktaprov.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar okta-simulator.jar ...}: the options a user types. */
class CommandLineTest {

    @Test
    void optionsBecomeSimulatorOptions() {
        SimulatorOptions options = CommandLineOptions.parse("--port", "0", "--token", "abc", "--limit-users", "100",
                "--limit-user-get=50", "--concurrency", "9", "--fault-rate", "0.05", "--fault-statuses", "503,504",
                "--drop-rate", "0.01", "--lost-answer-rate", "0.02", "--latency-ms", "30", "--latency-rate", "0.5",
                "--search-lag-ms", "1000", "--random-seed", "7", "--threads", "20",
                "--rate-limit-window-seconds", "2").options();

        assertThat(options.port()).isZero();
        assertThat(options.token()).isEqualTo("abc");
        assertThat(options.limits()).containsEntry(RateLimitBucket.USERS, 100).containsEntry(RateLimitBucket.USER_GET, 50)
                .containsEntry(RateLimitBucket.GROUPS, 500);
        assertThat(options.concurrencyLimit()).isEqualTo(9);
        assertThat(options.faults()).isEqualTo(new FaultPlan(0.05, java.util.List.of(503, 504), 0.01, 0.02,
                Duration.ofMillis(30), 0.5, java.util.List.of()));
        assertThat(options.searchLag()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.randomSeed()).isEqualTo(7);
        assertThat(options.threads()).isEqualTo(20);
        assertThat(options.rateLimitWindow()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void defaultsToPort8089AndARandomToken() {
        SimulatorOptions options = CommandLineOptions.parse().options();

        assertThat(options.port()).isEqualTo(8089);
        assertThat(options.token()).hasSize(42);
        assertThat(options.rateLimitWindow()).as("Okta's window").isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aLaterOptionWinsSoDefaultsMayComeFirst() {
        SimulatorOptions options = CommandLineOptions.parse("--port", "9001", "--token", "t", "--limit-users", "5",
                "--port=9002", "--limit-users", "6", "--tls", "--tls=false").options();

        assertThat(options.port()).isEqualTo(9002);
        assertThat(options.token()).isEqualTo("t");
        assertThat(options.limits()).containsEntry(RateLimitBucket.USERS, 6);
        assertThat(options.tls()).isFalse();
    }

    @Test
    void mistakesAreExplained() {
        assertThatThrownBy(() -> CommandLineOptions.parse("--limit-nope", "3")).hasMessageContaining("unknown rate-limit bucket");
        assertThatThrownBy(() -> CommandLineOptions.parse("--fault-rate", "2")).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> CommandLineOptions.parse("--port")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> CommandLineOptions.parse("--colour", "red")).hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> CommandLineOptions.parse("--fault-statuses", "502")).hasMessageContaining("500, 503 or 504");
        assertThatThrownBy(() -> CommandLineOptions.parse("--rate-limit-window-seconds", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> CommandLineOptions.parse("--port", "abc")).hasMessageContaining("--port").hasMessageContaining("abc");
        assertThatThrownBy(() -> CommandLineOptions.parse("extra")).hasMessageContaining("unexpected argument 'extra'");
    }

    @Test
    void helpListsEveryOption() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = Main.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false);

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--port", "--token", "--limit-users", "--limit-user-get",
                "--rate-limit-window-seconds", "--concurrency", "--fault-rate", "--drop-rate", "--lost-answer-rate", "--latency-ms", "--seed", "--tls", "/__sim/counters");
        for (RateLimitBucket bucket : RateLimitBucket.values()) {
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("--limit-" + bucket.id() + "=N")
                    .contains("(default " + bucket.defaultPerMinute() + ")");
        }
    }

    @Test
    void startPrintsTheBaseUrlAndTokenAndLoadsTheSeedFile(@TempDir Path dir) throws Exception {
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, """
                {"groups": [{"name": "Engineering"}],
                 "users": [{"profile": {"login": "ada@example.com", "email": "ada@example.com",
                                        "firstName": "Ada", "lastName": "Lovelace"}, "groups": ["Engineering"]}]}
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = Main.run(new String[] {"--port", "0", "--token", "cli-token", "--seed", seed.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false);

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).isZero();
        assertThat(printed).containsPattern("listening on http://127\\.0\\.0\\.1:\\d+").contains("cli-token")
                .contains("users:    1, groups: 2");
    }

    @Test
    void tlsPrintsAnHttpsUrlAndTheFilesToTrust() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = Main.run(new String[] {"--port", "0", "--tls"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err, false);

        assertThat(status).isZero();
        assertThat(CommandLineOptions.parse("--tls").options().tls()).isTrue();
        assertThat(CommandLineOptions.parse().options().tls()).isFalse();
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("listening on https://127\\.0\\.0\\.1:\\d+")
                .containsPattern("certificate \\S+okta-simulator\\.pem").contains("okta-simulator-truststore.p12");
    }

    @Test
    void badCommandLineExitsWith2() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Main.run(new String[] {"--seed", "/no/such/file.json"}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8), false);

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read seed file");
    }
}
