package dev.oktaprov.bench.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the whole process (every thread: JIT compilers and GC included) has used so far, from
 * {@code /proc/self/stat}. On a shared, busy machine it varies far less than wall time.
 */
final class ProcessCpu {

    /** Linux's USER_HZ, the unit of utime and stime, is 100 on every mainstream build. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {}

    static long millis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // The command name (field 2) may contain spaces; count fields after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long user = Long.parseLong(fields[11]);
            long system = Long.parseLong(fields[12]);
            return (user + system) * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
