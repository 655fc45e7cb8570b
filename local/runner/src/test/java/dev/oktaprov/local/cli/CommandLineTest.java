package dev.oktaprov.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oktaprov.local.sqs.LocalSqs;
import dev.oktaprov.local.sqs.QueuePair;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatorOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.SqsException;

class CommandLineTest {

    /** Options that are about one run rather than a setting of the set; they need no variable. */
    private static final Set<String> WITHOUT_VARIABLE = Set.of("--onboard", "--skip-unreadable", "--format",
            "--no-okta-seed", "--start-date-demo");

    @TempDir
    Path dir;

    @Test
    void helpListsTheCommandsAndEveryOption() {
        InProcessRunner top = new InProcessRunner();
        assertThat(top.run("--help")).isZero();
        assertThat(top.out()).contains("start", "onboard", "simulator", "Without arguments: start --onboard samples/new-hires.csv");

        InProcessRunner start = new InProcessRunner();
        assertThat(start.run("start", "--help")).isZero();
        InProcessRunner onboard = new InProcessRunner();
        assertThat(onboard.run("onboard", "--help")).isZero();
        for (String option : List.of("--api-port", "--okta-port", "--okta-token", "--okta-seed", "--queue-name",
                "--batch-size", "--batching-window", "--concurrency", "--max-receive-count", "--visibility-timeout",
                "--retry-base", "--retry-max", "--log-file")) {
            assertThat(start.out()).contains(option);
        }
        assertThat(onboard.out()).contains("--queue-url", "--dlq-url", "--skip-unreadable", "--follow-timeout", "FILE");
    }

    @Test
    void everySettingHasAnEnvironmentVariable() {
        CommandLine cli = new CommandLine(new RunLocal())
                .addSubcommand(new StartCommand(null))
                .addSubcommand(new OnboardCommand(null))
                .setInterpolateVariables(false);
        for (String command : List.of("start", "onboard")) {
            for (OptionSpec option : cli.getSubcommands().get(command).getCommandSpec().options()) {
                if (!option.usageHelp() && !option.versionHelp() && !WITHOUT_VARIABLE.contains(option.longestName())) {
                    assertThat(String.join(" ", option.description())).as(command + " " + option.longestName())
                            .containsPattern("\\(env [A-Z_]+");
                    assertThat(option.defaultValue()).as(command + " " + option.longestName()).startsWith("${env:");
                }
            }
        }
    }

    @Test
    void unreadableRowsAreListedAndNothingIsSent() throws Exception {
        Path file = dir.resolve("hires.csv");
        Files.writeString(file, """
                firstName,lastName,email,login
                Ada,Lovelace,ada@example.com,ada@example.com
                Bad"Quote,Row,b@example.com,b@example.com
                Grace,Hopper,grace@example.com
                """, StandardCharsets.UTF_8);
        try (LocalSqs sqs = LocalSqs.start(Map.of())) {
            QueuePair queues = sqs.createQueueWithDlq("unreadable", 5, Duration.ofSeconds(30), false);
            InProcessRunner runner = new InProcessRunner();

            int status = runner.run("onboard", file.toString(), "--queue-url", queues.queueUrl());

            assertThat(status).isEqualTo(2);
            assertThat(runner.err()).contains("2 rows cannot be read; nothing was sent",
                    "line 3: column 1: a quote inside an unquoted field",
                    "line 4: 3 fields, but the header has 4 columns",
                    "--skip-unreadable");
            assertThat(sqs.approximateCount(queues.queueUrl())).isZero();
        }
    }

    @Test
    void onboardWithoutAQueueUrlRunsItsOwnSetAndDoesNotOfferItForAnotherFile() throws Exception {
        Path file = dir.resolve("hires.jsonl");
        Files.writeString(file, "{\"firstName\": \"Ada\", \"lastName\": \"Lovelace\", \"email\": \"ada.lovelace@example.com\","
                + " \"login\": \"ada.lovelace@example.com\"}\n", StandardCharsets.UTF_8);
        InProcessRunner runner = new InProcessRunner(Map.of("LOCAL_WORKFLOW", "scheduler"));

        int status = runner.run("onboard", file.toString(), "--okta-port", "0", "--batching-window", "0",
                "--log-file", dir.resolve("handlers.log").toString());

        assertThat(status).as(runner.err()).isZero();
        assertThat(runner.out()).containsPattern("\\n +created +1\\n")
                // The set stops with the run: a banner line offering its queue for another file would be a dead end.
                .doesNotContain("into this set", "--queue-url");
    }

    @Test
    void noArgumentsWithAnOrgUrlExportedCreatesNoneOfTheSampleInThatOrg() {
        // As an operator has it after following "Check the credentials": the org's URL and token exported.
        try (OktaSimulator org = OktaSimulator.start(SimulatorOptions.defaults().withPort(0))) {
            Map<String, String> env = Map.of("OKTA_ORG_URL", org.baseUrl(), "OKTA_API_TOKEN", org.token());
            InProcessRunner noArguments = new InProcessRunner(env);
            InProcessRunner onboardSample = new InProcessRunner(env);

            assertThat(noArguments.run()).isEqualTo(2);
            assertThat(onboardSample.run("onboard", "../../samples/new-hires.jsonl", "--okta-port", "0")).isEqualTo(2);

            assertThat(noArguments.hasStarted()).isFalse();
            assertThat(onboardSample.hasStarted()).isFalse();
            assertThat(org.userCount()).as("users created in the org").isZero();
            assertThat(noArguments.err()).contains("new-hires.csv is the simulator's sample", "Nothing was started or sent",
                    "unset OKTA_ORG_URL; ./run-local", "./run-local start");
        }
    }

    @Test
    void theSampleIsNotSentToADeployedQueue() {
        InProcessRunner runner = new InProcessRunner();

        // Refused before any AWS call: no credentials or network are needed to see it.
        assertThat(runner.run("onboard", "../../samples/new-hires.csv", "--queue-url",
                "https://sqs.eu-west-1.amazonaws.com/123456789012/okta-provisioning-onboarding")).isEqualTo(2);
        assertThat(runner.err()).contains("is the simulator's sample", "Nothing was started or sent",
                "./run-local onboard FILE --queue-url URL");
    }

    @Test
    void aQueueUrlThatIsNotOneSaysWhatIsExpected() throws Exception {
        Path file = dir.resolve("hires.jsonl");
        Files.writeString(file, "{\"firstName\": \"Ada\"}\n", StandardCharsets.UTF_8);

        for (String url : List.of("not a url", "okta-provisioning-onboarding")) {
            InProcessRunner runner = new InProcessRunner();
            assertThat(runner.run("onboard", file.toString(), "--queue-url", url)).isNotZero();
            assertThat(runner.err()).contains("--queue-url must be a queue URL, e.g. https://sqs.");
        }
    }

    @Test
    void missingAwsCredentialsAreToldApartFromARefusal() {
        // What the default chain throws on a machine without credentials: one line naming every provider.
        SdkClientException none = catchThrowableOfType(() -> AwsCredentialsProviderChain.of(
                SystemPropertyCredentialsProvider.create()).resolveCredentials(), SdkClientException.class);

        assertThat(OnboardCommand.noCredentials(none)).as(none.getMessage()).isTrue();
        assertThat(OnboardCommand.noCredentials(SqsException.builder().message("Access to the resource is denied.").build()))
                .isFalse();
    }

    @Test
    void aSettingOutOfRangeIsToldByTheOptionTypedAndStartsNothing() throws Exception {
        InProcessRunner start = new InProcessRunner();
        assertThat(start.run("start", "--batch-size", "11", "--concurrency", "0", "--batching-window", "301",
                "--api-port", "0", "--okta-port", "0")).isEqualTo(2);
        assertThat(start.err().lines().limit(3)).as("every problem at once, by the name typed, then the usage")
                .containsExactly("--batch-size must be 1 to 10, was 11", "--batching-window must be 0 to 300, was 301",
                        "--concurrency must be at least 1, was 0");
        assertThat(start.err()).doesNotContain("batchSize", "maximumConcurrency", "maximumBatchingWindow", "cannot start");
        assertThat(start.hasStarted()).isFalse();

        Path file = dir.resolve("hires.jsonl");
        Files.writeString(file, "{\"firstName\": \"Ada\"}\n", StandardCharsets.UTF_8);
        InProcessRunner onboard = new InProcessRunner();
        assertThat(onboard.run("onboard", file.toString(), "--max-receive-count", "0", "--visibility-timeout", "-1",
                "--retry-base", "60", "--retry-max", "30", "--okta-port", "0")).isEqualTo(2);
        assertThat(onboard.err().lines().limit(3)).containsExactly("--max-receive-count must be 1 to 1000, was 0",
                "--visibility-timeout must be 0 to 43200, was -1", "--retry-max (30) must not be below --retry-base (60)");
        assertThat(onboard.err()).doesNotContain("maxReceiveCount", "visibilityTimeout", "cannot start");
        assertThat(onboard.hasStarted()).isFalse();
    }

    @Test
    void aPortOrRateLimitOutOfRangeIsToldByTheOptionTypedAndStartsNothing() throws Exception {
        InProcessRunner start = new InProcessRunner();
        assertThat(start.run("start", "--api-port", "70000", "--okta-port", "-1", "--okta-users-limit", "0")).isEqualTo(2);
        assertThat(start.err().lines().limit(3)).containsExactly("--api-port must be 0 to 65535, was 70000",
                "--okta-port must be 0 to 65535, was -1", "--okta-users-limit must be at least 1, was 0");
        assertThat(start.err()).doesNotContain("cannot start", "Exception");
        assertThat(start.hasStarted()).isFalse();
    }

    @Test
    void aSettingOutOfRangeFromTheEnvironmentNamesItsVariable() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.oktaprov.local.Main", "start").redirectErrorStream(true);
        builder.environment().put("LOCAL_BATCH_SIZE", "11");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(2);
        assertThat(output).startsWith("--batch-size (from LOCAL_BATCH_SIZE) must be 1 to 10, was 11");
    }

    @Test
    void startWithAnUnreadableFileStartsNothing() throws Exception {
        Path file = dir.resolve("hires.jsonl");
        Files.writeString(file, "{\"login\": \"a@example.com\"}\n{not json}\n", StandardCharsets.UTF_8);
        InProcessRunner runner = new InProcessRunner();

        assertThat(runner.run("start", "--onboard", file.toString(), "--api-port", "0", "--okta-port", "0")).isEqualTo(2);
        assertThat(runner.err()).contains("line 2: not valid JSON");
        assertThat(runner.hasStarted()).isFalse();
    }

    @Test
    void simulatorHelpIsTheSimulatorsOwn() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.oktaprov.local.Main", "simulator", "--help")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("okta-simulator.jar", "./run-local simulator [options]", "--port", "--token", "--seed");
    }

    @Test
    void aLogFileThatCannotBeWrittenIsASentenceNotAStackTrace() throws Exception {
        Path file = dir.resolve("hires.jsonl");
        Files.writeString(file, "{\"firstName\": \"Ada\"}\n", StandardCharsets.UTF_8);
        Path underAFile = file.resolve("handlers.log");
        // The real entry point: its error output is the terminal until the log file is open.
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.oktaprov.local.Main", "onboard", file.toString(),
                "--log-file", underAFile.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains("run-local: cannot write the log file " + underAFile + ": ", "--log-file")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void simulatorDefaultsComeFromTheEnvironmentAndOptionsWin() {
        assertThat(SimulatorCommand.arguments(Map.of("LOCAL_OKTA_PORT", "9001", "LOCAL_OKTA_TOKEN", "t"), List.of("--port", "9002")))
                .containsExactly("--port", "9001", "--token", "t", "--port", "9002");
    }
}
