package dev.oktaprov.local.cli;

import dev.oktaprov.local.LocalSet;
import dev.oktaprov.local.LocalSetSettings;
import dev.oktaprov.local.TemplateSettings;
import dev.oktaprov.simulator.OktaSimulator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** What the local set started, where, and a first command to try. */
final class StartBanner {

    private StartBanner() {}

    static void print(LocalSet set, Path logFile, PrintStream out) {
        LocalSetSettings settings = set.settings();
        out.println("okta-provisioning is running locally");
        OktaSimulator simulator = set.simulator();
        if (simulator != null) {
            out.println(line("Okta", simulator.baseUrl() + "  (simulator; token " + simulator.token() + ")"));
            out.println(line("", simulator.userCount() + " users, " + simulator.groups().size() + " groups"
                    + (settings.oktaSeed() != null ? " from " + settings.oktaSeed() : "")
                    + "; see them at " + simulator.baseUrl() + "/__sim/users"));
        } else {
            out.println(line("Okta", set.okta().orgUrl() + "  (your org; " + String.join(", ", set.okta().credentials().keySet())
                    + " from the environment)"));
        }
        if (set.api() != null) {
            out.println(line("HTTP API", set.api().baseUrl() + "  " + String.join(" · ", TemplateSettings.ROUTES.keySet())));
        }
        out.println(line("Queue", set.queues().queueUrl()));
        out.println(line("Workflow", set.workflow().description()));
        out.println(line("DLQ", set.queues().dlqUrl()));
        out.println(line("Poller", String.format(Locale.ROOT,
                "batch size %d, batching window %d s, max concurrency %d, function timeout %d s, maxReceiveCount %d",
                settings.batchSize(), settings.batchingWindow().toSeconds(), settings.maximumConcurrency(),
                TemplateSettings.ONBOARDING.timeout().toSeconds(), settings.maxReceiveCount())));
        out.println(line("Local values", String.format(Locale.ROOT,
                "visibility timeout %d s (template %d s), retry backoff %s-%s s (deployed 60-3600 s)",
                settings.visibilityTimeout().toSeconds(), TemplateSettings.VISIBILITY_TIMEOUT_SECONDS,
                set.onboardingLocalSettings().get("ONBOARDING_RETRY_BASE_SECONDS"),
                set.onboardingLocalSettings().get("ONBOARDING_RETRY_MAX_SECONDS"))));
        out.println(line("Function logs", logFile.toAbsolutePath().normalize().toString()));
        if (set.api() != null) {
            out.println(line("Try", "curl -s -X POST " + set.api().baseUrl() + "/users -H 'Content-Type: application/json' "
                    + "-d '{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada.lovelace@example.com\","
                    + "\"login\":\"ada.lovelace@example.com\"}'"));
            // Only a set that serves until Ctrl-C takes more files: onboard's own set stops after its file.
            out.println(line("", "./run-local onboard FILE --queue-url " + set.queues().queueUrl()
                    + "   (another file, into this set)"));
        }
        out.flush();
    }

    private static String line(String label, String value) {
        return String.format(Locale.ROOT, "  %-14s %s", label, value);
    }
}
