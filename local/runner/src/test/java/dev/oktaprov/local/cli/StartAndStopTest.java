package dev.oktaprov.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktaprov.local.LocalSet;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What Ctrl-C leaves behind: nothing listening, no thread that would keep a JVM alive. */
class StartAndStopTest {

    @Test
    void stoppingEndsEveryThreadAndClosesEveryPort() throws Exception {
        Set<Thread> before = liveNonDaemonThreads();
        InProcessRunner runner = new InProcessRunner().runInBackground("start", "--api-port", "0", "--okta-port", "0");
        LocalSet set = runner.awaitStarted();
        runner.awaitOutput("Serving until Ctrl-C.", Duration.ofSeconds(30));
        List<Integer> ports = List.of(set.api().port(), set.simulator().port(), URI.create(set.queues().queueUrl()).getPort());
        for (int port : ports) {
            try (Socket open = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertThat(open.isConnected()).isTrue();
            }
        }

        assertThat(runner.stop()).isZero();

        for (int port : ports) {
            assertThatThrownBy(() -> connect(port)).as("port %d", port).isInstanceOf(ConnectException.class);
        }
        for (Thread thread : liveNonDaemonThreads()) {
            if (!before.contains(thread)) {
                thread.join(Duration.ofSeconds(10).toMillis());
                assertThat(thread.isAlive()).as("thread %s", thread.getName()).isFalse();
            }
        }
        assertThat(runner.out()).contains("Stopping", "Stopped.");
    }

    private static void connect(int port) throws IOException {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            // connected: the assertion fails
        }
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Set.copyOf(Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !thread.isDaemon())
                .toList());
    }
}
