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
                    failure.printStackTrace();
                    return 1;
                });
        try {
            if (args.length == 0 && demoWouldWriteToARealOrg(context)) {
                return 2;
            }
            return cli.execute(effective);
        } finally {
            context.lifecycle().finished();
        }
    }

    /**
     * The demo's 200 invented hires belong in the simulator: with {@code OKTA_ORG_URL} exported (as for
     * {@code check}, or a session against the org), no arguments would create them in that org.
     */
    private static boolean demoWouldWriteToARealOrg(RunContext context) {
        String orgUrl = context.env().get("OKTA_ORG_URL");
        if (orgUrl == null || orgUrl.isBlank()) {
            return false;
        }
        context.terminal().err().println("run-local: OKTA_ORG_URL is set, so without arguments "
                + "the sample's 200 invented hires (" + SAMPLE + ") and a start-date demo hire would be created in that org. "
                + "Nothing was started.\n"
                + "  the demo, against the Okta simulator:   unset OKTA_ORG_URL; ./run-local\n"
                + "  against that org, sending nothing:      ./run-local start   (then ./run-local onboard FILE --queue-url URL)");
        return true;
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
