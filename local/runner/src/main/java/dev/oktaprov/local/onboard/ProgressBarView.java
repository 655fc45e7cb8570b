package dev.oktaprov.local.onboard;

import java.io.PrintStream;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The live bar on a terminal: done / total, elapsed and ETA, then the counts:
 * {@code Onboarding 62% [=====>    ] 124/200 (0:00:21 / 0:00:13) created 118 · existed 2 · failed 4 · …}.
 */
final class ProgressBarView implements ProgressView {

    private final ProgressBar bar;
    private volatile Tally last;

    ProgressBarView(PrintStream out, int total) {
        this.bar = new ProgressBarBuilder()
                .setTaskName("Onboarding")
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .setUpdateIntervalMillis(250)
                .setEtaFunction(state -> last == null ? Optional.empty() : Optional.ofNullable(last.eta()))
                .build();
    }

    @Override
    public void update(Tally tally) {
        last = tally;
        bar.setExtraMessage(" " + ProgressView.shortCounts(tally));
        bar.stepTo(tally.done());
    }

    @Override
    public void close() {
        bar.close();
    }
}
