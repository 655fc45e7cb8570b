package dev.oktaprov.local.cli;

import dev.oktaprov.local.FileProblem;
import dev.oktaprov.local.check.CredentialsCheck;
import dev.oktaprov.okta.OktaClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code check}: the org URL and credentials the functions would use, tried against the org before a deploy. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        sortOptions = false, usageHelpAutoWidth = true,
        header = "Checks the Okta org URL and credentials the functions would use, without writing to Okta.",
        description = {
            "Reads OKTA_ORG_URL and OKTA_API_TOKEN or OKTA_SECRET_ID (from Secrets Manager, with AWS_REGION and the "
                    + "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN variables; AWS_ENDPOINT_URL for "
                    + "another endpoint), as the functions do. Then: the configuration; the secret (what it is, never its "
                    + "value); for a service app, an access token for each scope set the functions ask for; one read of "
                    + "users (and a user's groups) with each. Nothing is created, changed or deleted in Okta.",
            "One line per finding, with what to do about it. Exit status: 0 when everything holds, 1 when something "
                    + "does not, 2 for a usage error (no OKTA_ORG_URL, an unreadable --secret-file)."})
final class CheckCommand implements Callable<Integer> {

    private final RunContext context;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "Read the secret's JSON from FILE instead of OKTA_SECRET_ID or OKTA_API_TOKEN: check a secret before storing it.")
    Path secretFile;

    @Option(names = "--log-file", paramLabel = "FILE", defaultValue = "${env:LOCAL_LOG_FILE}",
            description = "Where the core's log lines go, with Okta's request ids (env LOCAL_LOG_FILE, default "
                    + LocalSetOptions.DEFAULT_LOG_FILE + ").")
    Path logFile;

    CheckCommand(RunContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try {
            PrintStream out = context.terminal().out();
            PrintStream err = context.terminal().err();
            String orgUrl = context.env().get("OKTA_ORG_URL");
            if (orgUrl == null || orgUrl.isBlank()) {
                err.println("run-local check: OKTA_ORG_URL is not set. Set the variables the functions get, e.g.");
                err.println("  export OKTA_ORG_URL=https://<your-org>.okta.com");
                err.println("  export OKTA_SECRET_ID=<the secret's name or ARN>   # with AWS_REGION and AWS credentials;"
                        + " or OKTA_API_TOKEN, or --secret-file FILE");
                err.println("Without OKTA_ORG_URL, ./run-local runs the Okta simulator instead of an org: nothing to check.");
                return 2;
            }
            CredentialsCheck.SecretFile file = null;
            if (secretFile != null) {
                try {
                    file = new CredentialsCheck.SecretFile(secretFile.toString(), Files.readString(secretFile, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    err.println("run-local check: cannot read --secret-file " + secretFile + ": " + FileProblem.describe(e));
                    return 2;
                }
            }
            Path log = logFile != null ? logFile : context.home().resolve(LocalSetOptions.DEFAULT_LOG_FILE);
            context.handlerOutput().accept(log);
            long logged = size(log);
            // Not the URL as given: it may hold user information, which the configuration step refuses unquoted.
            out.println("Checking the Okta org and credentials as the functions would see them (reads only: nothing is"
                    + " written to Okta)");
            int status = new CredentialsCheck(context.env(), file, OktaClient.defaultHttpClient(Duration.ofSeconds(5)),
                    Clock.systemUTC(), out).run();
            if (status != 0 && size(log) > logged) {
                out.println("The core's log lines of this check, with Okta's error descriptions: " + log);
            }
            return status;
        } finally {
            context.lifecycle().finished();
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
