package dev.oktaprov.local.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./run-local}: the command line, its subcommands, and what no arguments mean. */
@Command(name = "run-local", mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class, usageHelpAutoWidth = true,
        header = "Runs okta-provisioning on this machine.",
        description = {
            "The Okta simulator (or your org), the local HTTP API, the onboarding queue with its DLQ, and the "
                    + "onboarding function behind a poller that plays Lambda's event source mapping.",
            "Without arguments: start --onboard " + RunLocal.SAMPLE + " --start-date-demo, against the simulator "
                    + "(refused while OKTA_ORG_URL is set: the sample would land in that org)."},
        footer = {"", "Every option also has an environment variable; see each command's --help."})
public final class RunLocal implements Callable<Integer> {

    /** The sample the no-argument run onboards. */
    public static final String SAMPLE = "samples/new-hires.csv";

    @Spec
    CommandSpec spec;

    /** Runs the command line and returns the exit status. */
    public static int run(String[] args, RunContext context) {
        String[] effective = args.length == 0
                ? new String[] {"start", "--onboard", samplePath(context.home()), "--start-date-demo"} : args;
        CommandLine cli = new CommandLine(new RunLocal())
                .addSubcommand(new StartCommand(context))
                .addSubcommand(new OnboardCommand(context))
                .addSubcommand(new CheckCommand(context))
                .addSubcommand(new SimulatorCommand(context))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(context.terminal().out(), true))
                .setErr(new PrintWriter(context.terminal().err(), true))
                .setExecutionExceptionHandler((failure, command, parsed) -> {
                    command.getErr().println("run-local: " + (failure.getMessage() == null
                            ? failure.getClass().getSimpleName() : failure.getMessage()));
                    // The whole story goes where the process's error output goes: the log file, once redirected.
                    if (!(failure instanceof HandlerOutput.LogFileException)) {
                        failure.printStackTrace();
                    }
                    return 1;
                });
        try {
            return cli.execute(effective);
        } finally {
            context.lifecycle().finished();
        }
    }

    /** The sample, relative to the working directory when it is under it (that is how the summary names it). */
    static String samplePath(Path home) {
        Path sample = home.resolve(SAMPLE).toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        return sample.startsWith(here) ? here.relativize(sample).toString() : sample.toString();
    }

    /** {@code run-local} with options but no command: the help. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }
}
