package dev.oktaprov.simulator;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar okta-simulator.jar --port 8089 --token ...}: runs until interrupted (Ctrl-C). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out, System.err, true));
    }

    /**
     * @param block wait until the JVM is asked to stop (false: return once started, for tests)
     * @return the process exit status
     */
    static int run(String[] args, PrintStream out, PrintStream err, boolean block) throws InterruptedException {
        CommandLineOptions.Parsed parsed;
        try {
            parsed = CommandLineOptions.parse(args);
        } catch (CommandLineOptions.UsageException | UncheckedIOException e) {
            err.println("okta-simulator: " + e.getMessage());
            err.println("Try --help.");
            return 2;
        }
        if (parsed.help()) {
            out.print(CommandLineOptions.usage());
            return 0;
        }
        OktaSimulator simulator;
        try {
            simulator = OktaSimulator.start(parsed.options());
        } catch (RuntimeException e) {
            err.println("okta-simulator: " + e.getMessage());
            return 1;
        }
        parsed.oauthClients().forEach(simulator.oauth()::register);
        out.println("Okta simulator listening on " + simulator.baseUrl());
        out.println("  token:    " + simulator.token() + "   (send: Authorization: SSWS <token>)");
        if (!parsed.oauthClients().isEmpty()) {
            out.println("  oauth:    " + simulator.baseUrl() + "/oauth2/v1/token for "
                    + parsed.oauthClients().stream().map(c -> c.clientId()).toList());
        }
        if (parsed.options().tls()) {
            out.println("  tls:      certificate " + simulator.tls().certificatePem() + "   (curl --cacert <it>)");
            out.println("            trust store " + simulator.tls().trustStore() + " (PKCS12, password "
                    + SimulatorTls.TRUST_STORE_PASSWORD + ")");
        }
        out.println("  counters: " + simulator.baseUrl() + "/__sim/counters");
        out.println("  users:    " + simulator.userCount() + ", groups: " + simulator.groups().size());
        out.flush();
        if (!block) {
            simulator.close();
            return 0;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "okta-simulator-shutdown"));
        stopped.await();
        return 0;
    }
}
