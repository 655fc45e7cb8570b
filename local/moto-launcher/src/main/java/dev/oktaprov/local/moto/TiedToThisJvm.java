package dev.oktaprov.local.moto;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that runs a program for as long as this JVM lives, however the JVM ends. Java cannot
 * ask Linux to signal a child when its parent dies (no {@code PR_SET_PDEATHSIG}), so a POSIX
 * {@code sh} does it: it keeps the JVM's end of its stdin pipe, which only this JVM writes to and
 * which reaches end-of-file when the JVM ends (the kernel closes it even on SIGKILL), and ends the
 * program then: SIGTERM, and SIGKILL 5 s later if it is still there.
 *
 * <p>The shell exits when the program exits, with the program's exit status, so the JVM's
 * {@link Process} stands for the program: its exit value, {@code waitFor}, its output. Closing the
 * pipe from Java ({@link RunningMoto#close()}) ends the program the same way.
 */
final class TiedToThisJvm {

    /*
     * fd 3 keeps the pipe: an asynchronous list's stdin is /dev/null (POSIX), so the watcher reads fd 3.
     * The program gets neither the pipe nor fd 3; the watcher writes nowhere, so moto's output pipe
     * reaches end-of-file when moto ends. After the program ends, the watcher goes too.
     */
    private static final String SCRIPT = """
            exec 3<&0 0</dev/null
            "$@" 3<&- &
            program=$!
            { while read -r _ <&3; do :; done; kill -TERM "$program"; sleep 5; kill -KILL "$program"; } >/dev/null 2>&1 &
            watcher=$!
            exec 3<&-
            wait "$program"
            status=$?
            kill "$watcher" 2>/dev/null
            exit "$status"
            """;

    private TiedToThisJvm() {
    }

    /** {@code sh -c SCRIPT ...} running {@code executable arguments...}; its stdin must stay a pipe from this JVM. */
    static List<String> command(Path executable, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "moto-launcher", executable.toString()));
        command.addAll(arguments);
        return command;
    }
}
