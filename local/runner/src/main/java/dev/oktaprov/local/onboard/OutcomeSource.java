package dev.oktaprov.local.onboard;

import java.time.Duration;

/** Where an onboarding run learns what became of the messages it sent. */
public interface OutcomeSource {

    /** Notes the starting counts; called just before the first message is sent. */
    void begin();

    /** The run so far. */
    Tally tally(int sent, Duration elapsed);

    /**
     * Waits up to {@code wait} for news.
     *
     * @return true once every message sent has an outcome (nothing of the run left in the queue)
     */
    boolean awaitSettled(int sent, Duration wait) throws InterruptedException;

    /** What the user should know about how outcomes are followed; empty when nothing. */
    default String caveat() {
        return "";
    }
}
