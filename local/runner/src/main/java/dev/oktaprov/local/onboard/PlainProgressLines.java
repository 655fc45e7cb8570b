package dev.oktaprov.local.onboard;

import java.io.PrintStream;

/**
 * Progress for a log or a pipe: one line whenever the number of outcomes changes (at most one per
 * update), e.g. {@code onboarding: 124/200 done · created 118 · already existed 2 · failed 4 · 350/min · rate-limit wait 0s · ETA 13s}.
 */
final class PlainProgressLines implements ProgressView {

    private final PrintStream out;
    private long shownDone = -1;
    private Tally last;

    PlainProgressLines(PrintStream out) {
        this.out = out;
    }

    @Override
    public void update(Tally tally) {
        last = tally;
        if (tally.done() == shownDone) {
            return;
        }
        shownDone = tally.done();
        out.println(line(tally));
        out.flush();
    }

    @Override
    public void close() {
        if (last != null && last.done() != shownDone) {
            out.println(line(last));
            out.flush();
        }
    }

    static String line(Tally tally) {
        String eta = tally.eta() == null || tally.done() >= tally.sent() ? "" : " · ETA " + ProgressView.seconds(tally.eta());
        return "onboarding: " + tally.done() + "/" + tally.sent() + " done · " + ProgressView.counts(tally) + eta;
    }
}
