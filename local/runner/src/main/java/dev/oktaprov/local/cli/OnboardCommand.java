package dev.oktaprov.local.cli;

import dev.oktaprov.local.LocalSet;
import dev.oktaprov.local.hires.FileFormat;
import dev.oktaprov.local.hires.NewHireFile;
import dev.oktaprov.local.onboard.OnboardingReport;
import dev.oktaprov.local.onboard.OnboardingRun;
import dev.oktaprov.local.onboard.QueueCountOutcomes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@code onboard FILE}: every row to the queue, followed to its outcome, then a summary. */
@Command(name = "onboard", mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        sortOptions = false, usageHelpAutoWidth = true,
        header = "Sends a file of new hires to the onboarding queue and follows every row to its outcome.",
        description = {
            "FILE is CSV with a header row naming the create input's fields (firstName, lastName, email, login, "
                    + "activate, groupIds separated by ';', nextLogin, password, startDate (an ISO date, or today+N), timeZone, "
                    + "activationTime, profile.<attribute>) or JSON lines "
                    + "(one create input per line). Rows that cannot be read are listed with their line numbers and "
                    + "nothing is sent, unless --skip-unreadable.",
            "Shows a live progress bar (plain lines when the output is not a terminal), then a summary and this "
                    + "run's messages in the dead-letter queue with their reasons. Exit status: 0 when every row "
                    + "became a user, 1 when any did not, 2 when rows cannot be read.",
            "Without --queue-url it starts its own local set (simulator, queue, poller) for the run. With "
                    + "--queue-url it only sends to that queue and follows it (the deployed one, with AWS credentials "
                    + "from the default chain: environment, profile, SSO; or the queue of a running ./run-local)."})
final class OnboardCommand implements Callable<Integer> {

    private final RunContext context;

    @Parameters(index = "0", paramLabel = "FILE", description = "The new hires: CSV (header row) or JSON lines.")
    Path file;

    @Option(names = "--queue-url", paramLabel = "URL", defaultValue = "${env:ONBOARDING_QUEUE_URL}",
            description = "Send to this queue and follow it instead of starting a local set (env ONBOARDING_QUEUE_URL).")
    String queueUrl;

    @Option(names = "--dlq-url", paramLabel = "URL", defaultValue = "${env:ONBOARDING_DLQ_URL}",
            description = "Its dead-letter queue (env ONBOARDING_DLQ_URL; default: from the queue's RedrivePolicy).")
    String dlqUrl;

    @Option(names = "--skip-unreadable", description = "Send the readable rows even when some cannot be read (they are reported).")
    boolean skipUnreadable;

    @Option(names = "--format", paramLabel = "FORMAT", description = "CSV or JSON_LINES (default: from the file's name or content).")
    FileFormat format;

    @Option(names = "--follow-timeout", paramLabel = "MINUTES", defaultValue = "${env:LOCAL_FOLLOW_TIMEOUT_MINUTES:-60}",
            description = "Stop following after this long (exit 1) (env LOCAL_FOLLOW_TIMEOUT_MINUTES, default ${DEFAULT-VALUE}).")
    int followTimeoutMinutes;

    @Mixin
    LocalSetOptions local;

    OnboardCommand(RunContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        try {
            if (queueUrl == null) {
                local.check(); // the local set's settings; a deployed queue has its own
            }
            Optional<NewHireFile> hires = HireFiles.read(file, format, skipUnreadable, context.terminal());
            if (hires.isEmpty() || SampleFiles.refused(file, queueUrl, context)) {
                return 2;
            }
            context.handlerOutput().accept(local.logFile(context.home()));
            return queueUrl != null ? toQueue(hires.get()) : toLocalSet(hires.get());
        } finally {
            context.lifecycle().finished();
        }
    }

    private int toLocalSet(NewHireFile hires) throws InterruptedException {
        LocalSet set;
        try {
            set = LocalSet.start(local.settings(null, context.home()), context.env(), HandlerOutput.sink());
        } catch (LocalSet.StartException e) {
            context.terminal().err().println("run-local: cannot start: " + e.getMessage());
            return 1;
        }
        try (set) {
            context.started().accept(set);
            StartBanner.print(set, local.logFile(context.home()), context.terminal().out());
            context.terminal().out().println();
            OnboardingRun.Target target = StartCommand.localTarget(set);
            target = new OnboardingRun.Target(target.sqs(), target.queueUrl(), target.deadLetterQueueUrl(),
                    target.outcomes(), 0, Duration.ofMinutes(followTimeoutMinutes), target.tick());
            OnboardingReport report = OnboardingRun.run(hires, file.toString(), target, context.terminal(),
                    context.lifecycle()::stopRequested);
            return context.lifecycle().stopRequested() ? 130 : report.exitCode();
        }
    }

    static boolean noCredentials(SdkException e) {
        return e instanceof SdkClientException && e.getMessage() != null && e.getMessage().startsWith("Unable to load credentials");
    }

    private int toQueue(NewHireFile hires) throws InterruptedException {
        try (SqsClient sqs = DeployedQueues.client(queueUrl, context.env())) {
            String dlq = dlqUrl != null ? dlqUrl : DeployedQueues.deadLetterQueueOf(sqs, queueUrl).orElse(null);
            boolean local = DeployedQueues.isLoopback(queueUrl);
            OnboardingRun.Target target = new OnboardingRun.Target(sqs, queueUrl, dlq, new QueueCountOutcomes(sqs, queueUrl, dlq),
                    local ? 0 : 1, Duration.ofMinutes(followTimeoutMinutes), Duration.ofSeconds(2));
            OnboardingReport report = OnboardingRun.run(hires, file.toString(), target, context.terminal(),
                    context.lifecycle()::stopRequested);
            return context.lifecycle().stopRequested() ? 130 : report.exitCode();
        } catch (SdkException e) {
            if (noCredentials(e)) {
                // The SDK's own text lists every provider it tried, in one line of 1,500 characters.
                context.terminal().err().println("run-local: no AWS credentials for " + queueUrl + ": export "
                        + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or AWS_PROFILE for a "
                        + "profile of ~/.aws (after aws sso login for an SSO one). Nothing was sent.");
                return 1;
            }
            context.terminal().err().println("run-local: SQS refused or could not be reached: " + e.getMessage());
            context.terminal().err().println("The caller needs sqs:SendMessage and sqs:GetQueueAttributes on the queue, and "
                    + "sqs:GetQueueAttributes, sqs:ReceiveMessage and sqs:ChangeMessageVisibility on its DLQ.");
            return 1;
        }
    }
}
