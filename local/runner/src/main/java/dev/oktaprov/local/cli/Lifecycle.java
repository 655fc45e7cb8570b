package dev.oktaprov.local.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stopping a run from outside: Ctrl-C's shutdown hook (or a test) asks for the stop, the command
 * notices, closes what it started and says so; the hook waits for that before the JVM ends.
 */
public final class Lifecycle {

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    public void requestStop() {
        stopRequested.countDown();
    }

    public boolean stopRequested() {
        return stopRequested.getCount() == 0;
    }

    /** Blocks until a stop is asked for. */
    public void awaitStopRequest() throws InterruptedException {
        stopRequested.await();
    }

    /** The command has cleaned up (or never started anything). */
    public void finished() {
        finished.countDown();
    }

    /** @return false when the command did not finish in time */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
