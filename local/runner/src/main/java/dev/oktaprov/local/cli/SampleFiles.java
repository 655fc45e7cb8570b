package dev.oktaprov.local.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The repository's sample hires are made for the simulator: invented people and the seed's group
 * ids. Sent to a real org (OKTA_ORG_URL exported, as for {@code check}) or to a deployed queue, they
 * would become real users, so they are refused there before anything starts.
 */
final class SampleFiles {

    private SampleFiles() {}

    /** True, after saying why, when {@code file} is a sample and its hires would reach a real org. */
    static boolean refused(Path file, String queueUrl, RunContext context) {
        Path samples = context.home().resolve("samples").toAbsolutePath().normalize();
        if (!file.toAbsolutePath().normalize().startsWith(samples)) {
            return false;
        }
        String orgUrl = context.env().get("OKTA_ORG_URL");
        String where;
        if (queueUrl != null) {
            if (loopback(queueUrl)) {
                return false;
            }
            where = "the deployed queue's org";
        } else if (orgUrl != null && !orgUrl.isBlank()) {
            where = "the org OKTA_ORG_URL names";
        } else {
            return false;
        }
        PrintStream err = context.terminal().err();
        err.println("run-local: " + file + " is the simulator's sample (invented people, the simulator's group ids); "
                + "it would create them in " + where + ". Nothing was started or sent.");
        err.println("  the sample, against the Okta simulator:  "
                + (orgUrl != null && !orgUrl.isBlank() ? "unset OKTA_ORG_URL; " : "") + "./run-local");
        err.println("  a file of your own:                      ./run-local onboard FILE"
                + (queueUrl != null ? " --queue-url URL" : "   (or ./run-local start, then onboard FILE --queue-url URL)"));
        return true;
    }

    private static boolean loopback(String queueUrl) {
        try {
            return DeployedQueues.isLoopback(queueUrl);
        } catch (IllegalArgumentException e) {
            // Not a URL: the send says so, with the form it expects.
            return false;
        }
    }
}
