package dev.oktaprov.local.onboard;

import dev.oktaprov.local.Terminal;
import dev.oktaprov.local.hires.NewHireFile;
import dev.oktaprov.local.hires.UnreadableRow;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code onboard FILE}: sends every readable row to the onboarding queue, follows the messages until
 * each has an outcome (progress on the terminal), then reads this run's dead letters and prints the
 * summary.
 */
public final class OnboardingRun {

    /**
     * Where the run sends and what it follows.
     *
     * @param deadLetterQueueUrl null when the queue has none
     * @param deadLetterWaitSeconds long-poll time when reading the DLQ: 0 for ElasticMQ, 1 for SQS
     * @param followTimeout stop following (exit 1) when outcomes are still missing after this long
     */
    public record Target(SqsClient sqs, String queueUrl, String deadLetterQueueUrl, OutcomeSource outcomes,
            int deadLetterWaitSeconds, Duration followTimeout, Duration tick) {

        public Target {
            Objects.requireNonNull(sqs, "sqs");
            Objects.requireNonNull(queueUrl, "queueUrl");
            Objects.requireNonNull(outcomes, "outcomes");
            Objects.requireNonNull(followTimeout, "followTimeout");
            Objects.requireNonNull(tick, "tick");
        }
    }

    private OnboardingRun() {}

    /**
     * @param stopRequested polled while following: true ends the run early (Ctrl-C)
     */
    public static OnboardingReport run(NewHireFile file, String fileName, Target target, Terminal terminal,
            BooleanSupplier stopRequested) throws InterruptedException {
        List<UnreadableRow> skipped = file.unreadable();
        if (!skipped.isEmpty()) {
            terminal.out().println("Skipping " + skipped.size() + " unreadable " + (skipped.size() == 1 ? "row" : "rows")
                    + " (--skip-unreadable); they are listed in the summary.");
        }
        if (!target.outcomes().caveat().isEmpty()) {
            terminal.out().println(target.outcomes().caveat());
        }
        target.outcomes().begin();
        long started = System.nanoTime();
        QueueSender.Sent sent = QueueSender.send(target.sqs(), target.queueUrl(), file.rows());
        terminal.out().println("Sent " + sent.count() + " of " + file.rows().size() + " rows of " + fileName + " to "
                + target.queueUrl());
        terminal.out().flush();

        boolean settled = false;
        Tally tally;
        try (ProgressView progress = ProgressView.on(terminal, sent.count())) {
            long deadline = started + target.followTimeout().toNanos();
            while (true) {
                settled = sent.count() == 0 || target.outcomes().awaitSettled(sent.count(), target.tick());
                tally = target.outcomes().tally(sent.count(), Duration.ofNanos(System.nanoTime() - started));
                progress.update(tally);
                if (settled || stopRequested.getAsBoolean() || System.nanoTime() > deadline) {
                    break;
                }
            }
        }
        if (!settled) {
            terminal.out().println(stopRequested.getAsBoolean()
                    ? "Stopped before every message had an outcome."
                    : "Stopped following after " + ProgressView.seconds(target.followTimeout())
                            + ": some messages have no outcome yet (see the queue).");
        }
        List<DeadLetter> deadLetters = null;
        int others = 0;
        if (target.deadLetterQueueUrl() != null && !stopRequested.getAsBoolean()) {
            DeadLetters.Report report = DeadLetters.read(target.sqs(), target.deadLetterQueueUrl(),
                    sent.lineByMessageId(), target.deadLetterWaitSeconds());
            deadLetters = report.ofThisRun();
            others = report.others();
        }
        OnboardingReport report = new OnboardingReport(fileName, file.total(), skipped, sent.notSent(), tally,
                deadLetters, others, settled);
        terminal.out().print(report.render());
        terminal.out().flush();
        return report;
    }
}
