package dev.oktaprov.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A leak check that cannot fail is no check: each case below is one ThreadWatch must catch or let pass. */
class ThreadWatchTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void endEveryThread() throws InterruptedException {
        release.countDown();
        for (Thread thread : started) {
            thread.join(10_000);
        }
    }

    @Test
    void aThreadStillRunningOutsideAnyPoolIsALeak() {
        ThreadWatch watch = ThreadWatch.start();
        start("leaked-1");

        assertThatThrownBy(() -> watch.assertEndedOrPooled(Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 threads").hasMessageContaining("leaked-1");
    }

    @Test
    void aThreadThatEndsWithinTheTimeoutIsNone() throws InterruptedException {
        ThreadWatch watch = ThreadWatch.start();
        Thread ending = start("ending-1");
        release.countDown();

        watch.assertEndedOrPooled(Duration.ofSeconds(10));
        assertThat(ending.isAlive()).isFalse();
    }

    @Test
    void threadsOfAPoolWithinItsSizeAreExpectedAndOneMoreIsNot() throws InterruptedException {
        ThreadWatch watch = ThreadWatch.start();
        start("worker-1");
        start("worker-2");

        watch.assertEndedOrPooled(Duration.ofMillis(50), ThreadWatch.Pool.numbered("worker-", 2));
        start("worker-3");
        assertThatThrownBy(() -> watch.assertEndedOrPooled(Duration.ofMillis(50), ThreadWatch.Pool.numbered("worker-", 2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("pool worker-N holds 3 new threads, more than its 2");
    }

    @Test
    void threadsAliveBeforeTheWatchNeverCount() throws InterruptedException {
        start("older-1");
        ThreadWatch watch = ThreadWatch.start();

        assertThat(watch.startedSince()).extracting(Thread::getName).doesNotContain("older-1");
        watch.assertEndedOrPooled(Duration.ofMillis(50));
    }

    @Test
    void aPoolNamedExactlyHoldsOnlyThatName() {
        ThreadWatch watch = ThreadWatch.start();
        start("Keep-Alive-Timer-2");

        assertThatThrownBy(() -> watch.assertEndedOrPooled(Duration.ofMillis(50), ThreadWatch.Pool.named("Keep-Alive-Timer", 1)))
                .hasMessageContaining("Keep-Alive-Timer-2");
    }

    private Thread start(String name) {
        Thread thread = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        started.add(thread);
        return thread;
    }
}
