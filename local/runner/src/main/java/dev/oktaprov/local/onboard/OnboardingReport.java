package dev.oktaprov.local.onboard;

import dev.oktaprov.local.hires.UnreadableRow;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How an onboarding run ended, and its summary as the user reads it.
 *
 * @param file the file's name as given
 * @param rows rows in the file, readable or not
 * @param skipped unreadable rows left out ({@code --skip-unreadable})
 * @param notSent rows SQS did not take
 * @param tally the outcomes when following stopped
 * @param deadLetters the DLQ's messages from this run; null when the queue has no DLQ
 * @param otherDeadLetters messages in the DLQ from before this run
 * @param settled every message sent has an outcome
 */
public record OnboardingReport(String file, int rows, List<UnreadableRow> skipped, List<NotSent> notSent, Tally tally,
        List<DeadLetter> deadLetters, int otherDeadLetters, boolean settled) {

    /** Exit status: 0 when every row became a user (created or already there), 1 otherwise. */
    public int exitCode() {
        boolean allGood = settled && tally.failed() == 0 && notSent.isEmpty() && skipped.isEmpty();
        return allGood ? 0 : 1;
    }

    /** Failed messages by error code, as the DLQ gives them. */
    public Map<String, Long> failuresByCode() {
        Map<String, Long> byCode = new TreeMap<>();
        if (deadLetters != null) {
            deadLetters.forEach(letter -> byCode.merge(letter.errorCode(), 1L, Long::sum));
        }
        return byCode;
    }

    public String render() {
        StringBuilder text = new StringBuilder();
        text.append("\nOnboarded ").append(file).append(": ").append(rows).append(rows == 1 ? " row" : " rows")
                .append(" in ").append(ProgressView.seconds(tally.elapsed()))
                .append(String.format(Locale.ROOT, " (%.0f/min)", tally.perMinute())).append('\n');
        if (tally.distinguishesExisting()) {
            row(text, "created", tally.created());
            row(text, "already existed", tally.alreadyExisted());
        } else {
            row(text, "succeeded", tally.succeeded());
        }
        row(text, "failed (in the DLQ)", tally.failed());
        failuresByCode().forEach((code, count) -> row(text, "  " + code, count));
        if (!skipped.isEmpty()) {
            row(text, "unreadable, skipped", skipped.size());
        }
        if (!notSent.isEmpty()) {
            row(text, "not sent", notSent.size());
        }
        if (!settled) {
            row(text, "no outcome yet", Math.max(0, tally.sent() - tally.done()));
        }
        if (tally.rateLimitWait() != null) {
            text.append(String.format(Locale.ROOT, "  %-22s %6s%n", "rate-limit wait",
                    ProgressView.seconds(tally.rateLimitWait())));
        }
        if (deadLetters != null && !deadLetters.isEmpty()) {
            text.append("\nDead-letter queue: ").append(deadLetters.size())
                    .append(deadLetters.size() == 1 ? " message" : " messages")
                    .append(" from this run, kept there for a fix and a redrive\n");
            text.append(String.format(Locale.ROOT, "  %5s  %-16s %s%n", "line", "errorCode", "errorMessage"));
            for (DeadLetter letter : deadLetters) {
                text.append(String.format(Locale.ROOT, "  %5s  %-16s %s%n",
                        letter.line() == 0 ? "?" : Integer.toString(letter.line()), letter.errorCode(), letter.errorMessage()));
            }
        }
        if (otherDeadLetters > 0) {
            text.append("  (").append(otherDeadLetters).append(" older messages in the DLQ are not from this run)\n");
        }
        if (!skipped.isEmpty()) {
            text.append("\nSkipped, unreadable:\n");
            skipped.forEach(row -> text.append("  line ").append(row.line()).append(": ").append(row.reason()).append('\n'));
        }
        if (!notSent.isEmpty()) {
            text.append("\nNot sent:\n");
            notSent.forEach(row -> text.append("  line ").append(row.line()).append(": ").append(row.reason()).append('\n'));
        }
        return text.toString();
    }

    private static void row(StringBuilder text, String label, long count) {
        text.append(String.format(Locale.ROOT, "  %-22s %6d%n", label, count));
    }
}
