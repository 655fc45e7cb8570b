package dev.oktaprov.local.onboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

/**
 * The live bar's line, fitted to the terminal's width, e.g.
 * {@code 124/200 [======>     ] created 118 · existed 2 · failed 4 · rate-limited 0s · ETA 13s · 350/min}.
 * The counts always show; on a narrow terminal the bar gets shorter first, then the pace, the ETA and the
 * rate-limit wait are left out, in that order, then the bar. (The library's own line puts a task name,
 * elapsed time and ETA before the counts, and an 80-column terminal cut the counts off.)
 */
final class FittedProgressLine implements ProgressBarRenderer {

    private static final int BAR_MIN = 10;
    private static final int BAR_MAX = 40;
    private static final String SEPARATOR = " · ";

    private final Supplier<Tally> tally;

    FittedProgressLine(Supplier<Tally> tally) {
        this.tally = tally;
    }

    @Override
    public String render(ProgressState progress, int maxLength) {
        Tally last = tally.get();
        return last == null ? "0/" + progress.getMax() : line(last, maxLength);
    }

    static String line(Tally tally, int width) {
        String head = tally.done() + "/" + tally.sent() + " ";
        String counts = counts(tally);
        List<String> optional = optional(tally);
        for (int keep = optional.size(); keep >= 0; keep--) {
            StringBuilder tail = new StringBuilder(counts);
            optional.subList(0, keep).forEach(part -> tail.append(SEPARATOR).append(part));
            // "[" + bar + "] " around the bar.
            int room = width - head.length() - tail.length() - 3;
            if (room >= BAR_MIN) {
                return head + bar(tally, Math.min(room, BAR_MAX)) + " " + tail;
            }
        }
        String bare = head + counts;
        return bare.length() <= width ? bare : bare.substring(0, Math.max(0, width));
    }

    private static String counts(Tally tally) {
        return tally.distinguishesExisting()
                ? "created " + tally.created() + SEPARATOR + "existed " + tally.alreadyExisted() + SEPARATOR + "failed " + tally.failed()
                : "succeeded " + tally.succeeded() + SEPARATOR + "failed " + tally.failed();
    }

    /** The parts that may be left out, most useful first. */
    private static List<String> optional(Tally tally) {
        List<String> parts = new ArrayList<>(3);
        if (tally.rateLimitWait() != null) {
            parts.add("rate-limited " + ProgressView.seconds(tally.rateLimitWait()));
        }
        if (tally.eta() != null && tally.done() < tally.sent()) {
            parts.add("ETA " + ProgressView.seconds(tally.eta()));
        }
        parts.add(String.format(Locale.ROOT, "%.0f/min", tally.perMinute()));
        return parts;
    }

    private static String bar(Tally tally, int width) {
        int filled = tally.sent() == 0 ? width : (int) (tally.done() * width / tally.sent());
        StringBuilder bar = new StringBuilder(width + 2).append('[');
        for (int i = 0; i < width; i++) {
            bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        return bar.append(']').toString();
    }
}
