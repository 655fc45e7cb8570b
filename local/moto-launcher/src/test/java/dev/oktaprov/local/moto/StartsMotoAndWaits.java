package dev.oktaprov.local.moto;

import java.util.Map;

/**
 * A JVM that starts moto_server, names it and every process it started, then waits to be killed:
 * the child of {@link MotoEndsWithItsJvmTest}.
 */
public final class StartsMotoAndWaits {

    private StartsMotoAndWaits() {
    }

    public static void main(String[] args) throws InterruptedException {
        RunningMoto moto = MotoLauncher.start(System.getenv(), Map.of());
        System.out.println("endpoint " + moto.endpoint());
        ProcessHandle.current().descendants().forEach(process -> System.out.println("pid " + process.pid()));
        System.out.println("started");
        System.out.flush();
        // Never closed: this JVM is killed, as PIT kills a timed-out minion.
        Thread.currentThread().join();
    }
}
