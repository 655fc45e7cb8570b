package dev.oktaprov.bench.ric;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What one execution environment did, as the Runtime API saw it, in nanoseconds of this JVM's
 * clock: when the runtime first asked for work (its init is over), when each invocation was handed
 * out and answered, and the process's CPU time and peak memory at those moments. Complete once the
 * expected number of answers arrived, or at the first error.
 */
final class RuntimeApiTimeline {

    private final int expectedAnswers;
    private final CountDownLatch done = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final List<Long> handedOut = new ArrayList<>();
    private final List<Long> answered = new ArrayList<>();
    private final List<Double> cpuAtAnswer = new ArrayList<>();
    private final List<String> answers = new ArrayList<>();
    private volatile ProcFacts process = ProcFacts.NONE;
    private long firstNext;
    private double cpuAtFirstNext = Double.NaN;
    private long restoreNext;
    private long peakRssKb = -1;
    private String failure;

    RuntimeApiTimeline(int expectedAnswers) {
        this.expectedAnswers = expectedAnswers;
    }

    /** The runtime's process, once started: its /proc entries are read at each step. */
    void process(ProcFacts process) {
        this.process = process;
    }

    synchronized void restoreNext(long at) {
        if (restoreNext == 0) {
            restoreNext = at;
        }
    }

    synchronized void invocationHandedOut(long at) {
        firstNextAt(at);
        handedOut.add(at);
    }

    /** A next with nothing left: the runtime is idle (after the last answer). */
    synchronized void idle(long at) {
        firstNextAt(at);
    }

    private void firstNextAt(long at) {
        if (firstNext == 0) {
            firstNext = at;
            cpuAtFirstNext = process.cpuMillis();
        }
    }

    synchronized void answered(long at, String body) {
        answered.add(at);
        answers.add(body);
        cpuAtAnswer.add(process.cpuMillis());
        if (answered.size() >= expectedAnswers) {
            peakRssKb = process.peakRssKb();
            done.countDown();
        }
    }

    synchronized void failed(String why) {
        if (failure == null) {
            failure = why;
        }
        done.countDown();
    }

    /** True when every answer came or a failure was reported within {@code seconds}. */
    boolean awaitDone(long seconds) throws InterruptedException {
        return done.await(seconds, TimeUnit.SECONDS);
    }

    /** Ends the runtime's open {@code next}; called when the run is over. */
    void close() {
        closed.countDown();
    }

    void awaitClosed() throws InterruptedException {
        closed.await();
    }

    synchronized String failure() {
        return failure;
    }

    synchronized long firstNext() {
        return firstNext;
    }

    synchronized double cpuAtFirstNext() {
        return cpuAtFirstNext;
    }

    synchronized long restoreNext() {
        return restoreNext;
    }

    synchronized long handedOut(int invocation) {
        return handedOut.get(invocation);
    }

    synchronized long answered(int invocation) {
        return answered.get(invocation);
    }

    synchronized double cpuAtAnswer(int invocation) {
        return cpuAtAnswer.get(invocation);
    }

    synchronized String answer(int invocation) {
        return answers.get(invocation);
    }

    synchronized int answers() {
        return answered.size();
    }

    synchronized long peakRssKb() {
        return peakRssKb;
    }
}
