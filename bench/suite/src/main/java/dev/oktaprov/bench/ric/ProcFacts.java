package dev.oktaprov.bench.ric;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Another process's CPU time and peak memory from Linux's {@code /proc/PID/stat} and
 * {@code /proc/PID/status}: read from outside, so the runtime under test loads nothing to report them.
 */
record ProcFacts(long pid) {

    static final ProcFacts NONE = new ProcFacts(-1);

    /** Linux's USER_HZ, the unit of utime and stime, is 100 on every mainstream build. */
    private static final long TICKS_PER_SECOND = 100;

    /** User plus system time of every thread so far (JIT compiler and GC included), in ms; NaN if unknown. */
    double cpuMillis() {
        if (pid < 0) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may contain spaces; count fields after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000.0 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** VmHWM, the peak resident set, in kB; -1 if unknown. */
    long peakRssKb() {
        if (pid < 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone already, or not Linux
        }
        return -1;
    }
}
