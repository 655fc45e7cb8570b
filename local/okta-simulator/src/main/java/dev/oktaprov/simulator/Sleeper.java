package dev.oktaprov.simulator;

import java.time.Duration;

/** Waits for injected latency; tests pass one that does not sleep for real. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    static Sleeper real() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
