package dev.oktaprov.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.local.LocalSet;
import dev.oktaprov.local.workflow.LocalWorkflow;
import dev.oktaprov.simulator.SimulatedUser;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What {@code ./run-local} shows at the end of its sample run: a hire whose start date is seconds
 * ahead goes through the queue, is created STAGED, and is activated by the onboarding workflow in
 * moto's interpreter when the time comes.
 */
class StartDateDemoTest {

    @Test
    void aHireStartingSecondsAheadIsCreatedStagedAndActivatedWhenTheTimeComes() throws Exception {
        InProcessRunner runner = new InProcessRunner().runInBackground("start", "--api-port", "0", "--okta-port", "0",
                "--batching-window", "1", "--start-date-demo");
        LocalSet set = runner.awaitStarted();
        runner.awaitOutput("Serving until Ctrl-C.", Duration.ofSeconds(120));
        String out = runner.out();

        assertThat(set.workflow().engine()).isEqualTo(LocalWorkflow.Engine.MOTO);
        assertThat(out).contains("Workflow", "moto_server's Step Functions interpreter");
        assertThat(out).contains("STAGED: created by the onboarding function")
                .contains("PROVISIONED: activated when its start date came");
        assertThat(out.indexOf("STAGED: created")).isLessThan(out.indexOf("PROVISIONED: activated"));
        assertThat(set.simulator().users()).filteredOn(user -> user.login().startsWith("sam.startdate+"))
                .extracting(SimulatedUser::status).containsExactly("PROVISIONED");

        assertThat(runner.stop()).isZero();
    }
}
