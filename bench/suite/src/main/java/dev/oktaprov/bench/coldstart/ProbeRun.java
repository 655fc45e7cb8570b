package dev.oktaprov.bench.coldstart;

/**
 * One fresh JVM, as the probe reported it. Times in milliseconds from the moment the suite started
 * the process.
 *
 * @param toMain JVM start until the probe's main ran
 * @param init main until the handler was constructed (the function's init)
 * @param prime the SnapStart hooks, when run (else 0)
 * @param firstRequest construction (or priming) until the first answer was serialized
 * @param total process start until the first answer
 * @param secondRequest the second invocation, same event
 * @param cpu CPU time of the whole process at the first answer
 */
public record ProbeRun(double toMain, double init, double prime, double firstRequest, double total, double secondRequest,
        double cpu, long peakRssKb, long heapUsedBytes, long liveHeapBytes, long classesLoaded) {
}
