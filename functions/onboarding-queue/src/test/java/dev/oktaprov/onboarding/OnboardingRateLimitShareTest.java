package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.local.sqs.InvocationOutcome;
import dev.oktaprov.local.sqs.InvocationReport;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.OverlappingWaits;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code OKTA_RATE_LIMIT_SHARE} end to end, counted as Okta counts it: 120 hires against a users limit
 * of 60 a minute, two onboarding functions of two workers each, at the template's share of 50 %.
 *
 * <p>Okta (the simulator) opens a 60 s window at the first request after the last window ended. The
 * users carry Okta's time of creation, so the test counts the creates of each window by that rule.
 * The functions' waits overlap as waits do in real time ({@link OverlappingWaits}): four workers
 * waiting for the same reset move Okta's clock once, to the reset, so no window is skipped; and no
 * request is half-way through Okta while a wait moves its clock, so none is admitted in one window and
 * created in the next. With the share at 100 % the functions fill each window with 60 creates, and this
 * test fails.
 */
class OnboardingRateLimitShareTest {

    private static final Duration DRAINED = Duration.ofSeconds(90);
    private static final Duration OKTA_WINDOW = Duration.ofSeconds(60);
    private static final int LIMIT = 60;
    /** The template's OKTA_RATE_LIMIT_SHARE, 50 %, of {@link #LIMIT}. */
    private static final int SHARE = 30;
    private static final int HIRES = 120;
    private static final int FUNCTIONS = 2;
    private static final int WORKERS = 2;
    /**
     * A budget counts Okta's answers and its own requests, not another worker's request still on its
     * way: beyond the share, a window may hold the creates of every other worker in flight (one each).
     */
    private static final int IN_FLIGHT_SLACK = FUNCTIONS * WORKERS - 1;

    private static final AtomicLong SEED = new AtomicLong(11);

    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();

    @Test
    void twoFunctionsTogetherCreateNoMoreThanTheirShareInAnyOfOktasWindows() throws InterruptedException {
        try (OnboardingStack stack = new OnboardingStack(SQS.sqs(), SimulatorOptions.defaults().withToken("test-token")
                .withLimit(RateLimitBucket.USERS, LIMIT), 5, false)) {
            OverlappingWaits waits = new OverlappingWaits(stack.clock);
            stack.runtimes = environment -> runtimeOn(waits, environment);
            stack.env.put("OKTA_RATE_LIMIT_SHARE", "50");
            stack.env.put("ONBOARDING_PARALLELISM", Integer.toString(WORKERS));
            stack.start(settings -> settings.withMaximumConcurrency(FUNCTIONS), report -> { });
            stack.send(Hires.hires(0, HIRES));

            assertThat(stack.awaitDrained(DRAINED)).isTrue();

            assertThat(stack.okta.userCount()).isEqualTo(HIRES);
            assertThat(stack.deadLetters()).isEmpty();
            assertThat(stack.reports).extracting(InvocationReport::outcome)
                    .doesNotContain(InvocationOutcome.FUNCTION_ERROR, InvocationOutcome.TIMEOUT);
            List<Integer> createsPerWindow = createsPerOktaWindow(stack.okta.users());
            assertThat(createsPerWindow).as("creates in each of Okta's windows: %s", createsPerWindow)
                    .allSatisfy(creates -> assertThat(creates).isLessThanOrEqualTo(SHARE + IN_FLIGHT_SLACK));
            // At most 33 a window: 120 creates take four windows; the whole bucket would take two.
            assertThat(createsPerWindow).as("Okta's windows: %s", createsPerWindow).hasSizeGreaterThanOrEqualTo(4);
            assertThat(stack.okta.counters().rateLimited(RateLimitBucket.USERS)).as("429s from Okta").isZero();
        }
    }

    /** As {@link OnboardingRuntime#fromEnvironment} builds it, on the overlapping waits' clock and with its requests held by them. */
    private static OnboardingRuntime runtimeOn(OverlappingWaits waits, Map<String, String> env) {
        HttpClient http = waits.calls(OktaClient.defaultHttpClient(Duration.ofSeconds(5)));
        return OnboardingRuntime.of(ProvisioningRuntime.builder(env).http(http).clock(waits).sleeper(waits::sleep)
                .random(new Random(SEED.incrementAndGet())));
    }

    /** Okta's rule: a window starts at the first request at or after the end of the last one. */
    private static List<Integer> createsPerOktaWindow(List<SimulatedUser> users) {
        List<Instant> created = users.stream().map(SimulatedUser::created).sorted().toList();
        List<Integer> counts = new ArrayList<>();
        Instant windowEnd = null;
        for (Instant at : created) {
            if (windowEnd == null || !at.isBefore(windowEnd)) {
                counts.add(0);
                windowEnd = at.plus(OKTA_WINDOW);
            }
            counts.set(counts.size() - 1, counts.get(counts.size() - 1) + 1);
        }
        return counts;
    }
}
