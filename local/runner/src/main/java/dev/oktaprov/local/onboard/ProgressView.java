package dev.oktaprov.local.onboard;

import dev.oktaprov.local.Terminal;
import java.time.Duration;
import java.util.Locale;

/** Shows an onboarding run as it goes: a live bar on a terminal, a line per change otherwise. */
public interface ProgressView extends AutoCloseable {

    void update(Tally tally);

    /** Leaves the display in its final state. */
    @Override
    void close();

    static ProgressView on(Terminal terminal, int total) {
        return terminal.interactive() ? new ProgressBarView(terminal.out(), total) : new PlainProgressLines(terminal.out());
    }

    /** "created 12 · already existed 1 · failed 2 · 310/min · rate-limit wait 0s" */
    static String counts(Tally tally) {
        StringBuilder text = new StringBuilder();
        if (tally.distinguishesExisting()) {
            text.append("created ").append(tally.created()).append(" · already existed ")
                    .append(tally.alreadyExisted());
        } else {
            text.append("succeeded ").append(tally.succeeded());
        }
        text.append(" · failed ").append(tally.failed());
        text.append(" · ").append(String.format(Locale.ROOT, "%.0f/min", tally.perMinute()));
        if (tally.rateLimitWait() != null) {
            text.append(" · rate-limit wait ").append(seconds(tally.rateLimitWait()));
        }
        return text.toString();
    }

    /** "42s", "3m05s", "1h02m". */
    static String seconds(Duration duration) {
        long s = Math.max(0, Math.round(duration.toMillis() / 1000.0));
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
