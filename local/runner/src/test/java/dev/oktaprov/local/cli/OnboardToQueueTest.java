package dev.oktaprov.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.local.LocalSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code onboard FILE --queue-url URL}: only sends and follows, as against the deployed queue; here
 * the queue of a running local set, whose poller does the work.
 */
class OnboardToQueueTest {

    @Test
    void aQueueThisProcessDoesNotPollIsFollowedThroughItsCounts() throws Exception {
        InProcessRunner set = new InProcessRunner().runInBackground("start", "--api-port", "0", "--okta-port", "0",
                "--batching-window", "0");
        LocalSet running = set.awaitStarted();
        set.awaitOutput("Serving until Ctrl-C.", Duration.ofSeconds(30));
        try {
            InProcessRunner onboard = new InProcessRunner();

            int status = onboard.run("onboard", "../../samples/new-hires.jsonl", "--queue-url", running.queues().queueUrl());

            assertThat(status).as(onboard.out() + onboard.err()).isZero();
            assertThat(onboard.out()).contains("outcomes come from SQS's approximate counts")
                    .containsPattern("(?m)^\\s+succeeded\\s+5$")
                    .containsPattern("(?m)^\\s+failed \\(in the DLQ\\)\\s+0$");
            assertThat(running.simulator().findByLogin("kwame.mensah+contractor@example.com")).isPresent();
            assertThat(running.simulator().findByLogin("zoe.achterberg@example.org").orElseThrow().groupIds()).hasSize(3);
        } finally {
            set.stop();
        }
    }
}
