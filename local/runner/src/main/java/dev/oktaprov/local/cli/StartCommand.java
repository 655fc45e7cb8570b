package dev.oktaprov.local.cli;

import dev.oktaprov.local.LocalSet;
import dev.oktaprov.local.LocalSetSettings;
import dev.oktaprov.local.hires.FileFormat;
import dev.oktaprov.local.hires.NewHireFile;
import dev.oktaprov.local.onboard.OnboardingRun;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code start [--onboard FILE]}: the whole set, serving until Ctrl-C. */
@Command(name = "start", mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        sortOptions = false, usageHelpAutoWidth = true,
        header = "Starts the whole set, onboards a file if given, and serves until Ctrl-C.",
        description = "Starts the Okta simulator (or your org, when OKTA_ORG_URL and OKTA_API_TOKEN or OKTA_SECRET_ID are set), the local "
                + "HTTP API, the onboarding queue and its DLQ, and the poller that feeds the onboarding function; "
                + "onboards FILE if given; then serves until Ctrl-C, which stops everything.")
final class StartCommand implements Callable<Integer> {

    private final RunContext context;

    @Option(names = "--onboard", paramLabel = "FILE", description = "Onboard this file of new hires once everything runs.")
    Path onboard;

    @Option(names = "--skip-unreadable", description = "Send the readable rows even when some cannot be read (they are reported).")
    boolean skipUnreadable;

    @Option(names = "--format", paramLabel = "FORMAT", description = "CSV or JSON_LINES (default: from the file's name or content).")
    FileFormat format;

    @Option(names = "--start-date-demo", description = "Then send one hire whose start date is "
            + "15 s ahead and follow its user from STAGED to activated (what ./run-local without arguments does).")
    boolean startDateDemo;

    @Option(names = "--api-port", paramLabel = "PORT", defaultValue = "${env:LOCAL_API_PORT:-" + LocalSetSettings.DEFAULT_API_PORT + "}",
            description = "Port of the local HTTP API on 127.0.0.1; 0 picks a free one (env LOCAL_API_PORT, default ${DEFAULT-VALUE}).")
    int apiPort;

    @Mixin
    LocalSetOptions local;

    StartCommand(RunContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        try {
            local.check(apiPort);
            Optional<NewHireFile> file = Optional.empty();
            if (onboard != null) {
                file = HireFiles.read(onboard, format, skipUnreadable, context.terminal());
                if (file.isEmpty() || SampleFiles.refused(onboard, null, context)) {
                    return 2;
                }
            }
            Path logFile = local.logFile(context.home());
            context.handlerOutput().accept(logFile);
            LocalSet set;
            try {
                set = LocalSet.start(local.settings(apiPort, context.home()), context.env(), HandlerOutput.sink());
            } catch (LocalSet.StartException e) {
                context.terminal().err().println("run-local: cannot start: " + e.getMessage());
                return 1;
            }
            try (set) {
                context.started().accept(set);
                StartBanner.print(set, logFile, context.terminal().out());
                if (file.isPresent()) {
                    context.terminal().out().println();
                    OnboardingRun.run(file.get(), onboard.toString(), localTarget(set), context.terminal(),
                            context.lifecycle()::stopRequested);
                }
                if (startDateDemo && !context.lifecycle().stopRequested()) {
                    StartDateDemo.run(set, context.terminal(), context.lifecycle()::stopRequested, Clock.systemUTC());
                }
                if (!context.lifecycle().stopRequested()) {
                    context.terminal().out().println("\nServing until Ctrl-C.");
                    context.terminal().out().flush();
                    context.lifecycle().awaitStopRequest();
                }
                context.terminal().out().println("\nStopping…");
                context.terminal().out().flush();
            }
            context.terminal().out().println("Stopped.");
            context.terminal().out().flush();
            return 0;
        } finally {
            context.lifecycle().finished();
        }
    }

    static OnboardingRun.Target localTarget(LocalSet set) {
        return new OnboardingRun.Target(set.sqs().client(), set.queues().queueUrl(), set.queues().dlqUrl(), set.outcomes(),
                0, Duration.ofMinutes(60), Duration.ofMillis(250));
    }
}
