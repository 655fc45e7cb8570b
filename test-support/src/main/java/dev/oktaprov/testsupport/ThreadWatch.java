package dev.oktaprov.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Leaked threads, told by identity rather than by a JVM-wide count: {@link #start()} remembers every
 * thread alive; {@link #assertEndedOrPooled} then requires each thread started since to have ended
 * (it is joined, up to a timeout) or to belong to a pool the code under test keeps on purpose,
 * named by that code and holding no more new threads than its size. Threads of other tests, of the
 * build, or of the JVM itself (the {@code system} thread group: attach listener, cleaner, reapers)
 * never count.
 */
public final class ThreadWatch {

    /** A pool the code under test keeps: its threads' names, and the most it may hold. */
    public record Pool(String description, Pattern names, int maxThreads) {

        /** Threads named {@code prefix} and a number, e.g. {@code local-api-} for {@code local-api-7}. */
        public static Pool numbered(String prefix, int maxThreads) {
            return new Pool(prefix + "N", Pattern.compile(Pattern.quote(prefix) + "\\d+"), maxThreads);
        }

        /** Threads named exactly {@code name}, e.g. the JDK's one {@code Keep-Alive-Timer}. */
        public static Pool named(String name, int maxThreads) {
            return new Pool(name, Pattern.compile(Pattern.quote(name)), maxThreads);
        }

        boolean holds(Thread thread) {
            return names.matcher(thread.getName()).matches();
        }
    }

    private final Set<Thread> before;

    private ThreadWatch(Set<Thread> before) {
        this.before = before;
    }

    /** Remembers the threads alive now. */
    public static ThreadWatch start() {
        Set<Thread> alive = Collections.newSetFromMap(new IdentityHashMap<>());
        alive.addAll(Thread.getAllStackTraces().keySet());
        return new ThreadWatch(alive);
    }

    /** Threads alive now that were not alive at {@link #start()}, the JVM's own left out. */
    public List<Thread> startedSince() {
        List<Thread> started = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(thread) && !isJvms(thread)) {
                started.add(thread);
            }
        }
        return started;
    }

    /**
     * Every thread started since {@link #start()} has ended, or belongs to one of {@code pools}
     * with no pool holding more new threads than its size.
     *
     * @param ending how long a thread outside the pools gets to end (an awaited join, not a sleep)
     * @throws AssertionError naming the threads still running, or the pool that grew past its size
     */
    public void assertEndedOrPooled(Duration ending, Pool... pools) throws InterruptedException {
        Map<Pool, List<String>> pooled = new LinkedHashMap<>();
        List<Thread> others = new ArrayList<>();
        for (Thread thread : startedSince()) {
            Pool pool = poolOf(thread, pools);
            if (pool == null) {
                others.add(thread);
            } else {
                pooled.computeIfAbsent(pool, p -> new ArrayList<>()).add(thread.getName());
            }
        }
        long deadline = System.nanoTime() + ending.toNanos();
        for (Thread thread : others) {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        List<String> running = others.stream().filter(Thread::isAlive).map(Thread::getName).sorted().toList();
        if (!running.isEmpty()) {
            throw new AssertionError(running.size() + " threads started since the watch began are still running after "
                    + ending + " and belong to no expected pool: " + summary(running));
        }
        pooled.forEach((pool, names) -> {
            if (names.size() > pool.maxThreads()) {
                throw new AssertionError("pool " + pool.description() + " holds " + names.size()
                        + " new threads, more than its " + pool.maxThreads() + ": " + summary(names));
            }
        });
    }

    private static Pool poolOf(Thread thread, Pool... pools) {
        for (Pool pool : pools) {
            if (pool.holds(thread)) {
                return pool;
            }
        }
        return null;
    }

    // The JVM's own threads (attach listener, cleaner, process reaper) live in the top-level group.
    private static boolean isJvms(Thread thread) {
        ThreadGroup group = thread.getThreadGroup();
        return group != null && group.getParent() == null;
    }

    private static String summary(List<String> names) {
        List<String> shown = names.stream().sorted().limit(20).collect(Collectors.toCollection(ArrayList::new));
        if (names.size() > shown.size()) {
            shown.add("… " + (names.size() - shown.size()) + " more");
        }
        return String.join(", ", shown);
    }
}
