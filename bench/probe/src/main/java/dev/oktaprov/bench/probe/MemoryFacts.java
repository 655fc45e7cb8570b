package dev.oktaprov.bench.probe;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's memory after the first invocations: peak and current resident set from
 * {@code /proc/self/status} (VmHWM, VmRSS), heap in use as the invocation left it and after a full
 * GC (what is really live), and the classes loaded so far. Read only after the timed part: the
 * management beans load classes of their own.
 */
record MemoryFacts(long peakRssKb, long rssKb, long heapUsedBytes, long liveHeapBytes, long heapCommittedBytes,
        long classesLoaded) {

    static MemoryFacts now() {
        long peak = procStatusKb("VmHWM");
        long rss = procStatusKb("VmRSS");
        // Counted before the management beans load their own classes.
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        var memory = ManagementFactory.getMemoryMXBean();
        long used = memory.getHeapMemoryUsage().getUsed();
        long committed = memory.getHeapMemoryUsage().getCommitted();
        System.gc();
        long live = memory.getHeapMemoryUsage().getUsed();
        return new MemoryFacts(peak, rss, used, live, committed, classes);
    }

    private static long procStatusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: reported as unknown.
        }
        return -1;
    }
}
