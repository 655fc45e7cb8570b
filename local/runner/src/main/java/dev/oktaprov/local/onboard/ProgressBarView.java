package dev.oktaprov.local.onboard;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** The live bar on a terminal, redrawn in place as {@link FittedProgressLine} writes it. */
final class ProgressBarView implements ProgressView {

    private final ProgressBar bar;
    private volatile Tally last;

    ProgressBarView(PrintStream out, int total) {
        this.bar = new ProgressBarBuilder()
                .setTaskName("Onboarding")
                .setInitialMax(total)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .setRenderer(new FittedProgressLine(() -> last))
                .setUpdateIntervalMillis(250)
                .build();
    }

    @Override
    public void update(Tally tally) {
        last = tally;
        bar.stepTo(tally.done());
    }

    @Override
    public void close() {
        bar.close();
    }
}
