package dev.oktaprov.local.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.runtime.ProvisioningMetrics;
import dev.oktaprov.time.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

class FunctionCountersTest {

    private static final String BUCKET = "POST /api/v1/users";

    /** A clock that only moves when a sleep "passes". */
    private final AtomicLong nanos = new AtomicLong();
    private final List<Duration> slept = new CopyOnWriteArrayList<>();
    private final FunctionCounters counters = new FunctionCounters(MetricsFactory.getMetricsInstance(), nanos::get);
    private final ProvisioningMetrics metrics = new ProvisioningMetrics(counters);

    @Test
    void countsWhatTheFunctionAddsAndPassesItOn() {
        metrics.userCreated();
        metrics.userCreated();
        metrics.userAlreadyExisted();

        assertThat(counters.total(ProvisioningMetrics.USERS_CREATED)).isEqualTo(2);
        assertThat(counters.total(ProvisioningMetrics.USERS_ALREADY_EXISTED)).isEqualTo(1);
        assertThat(counters.total(ProvisioningMetrics.LOGIN_CONFLICTS)).isZero();
    }

    @Test
    void onlySleepsAnnouncedAsRateLimitWaitsCount() throws Exception {
        Sleeper sleeper = counters.sleeper(this::pass);

        metrics.onThrottleWait(BUCKET, Duration.ofSeconds(7));
        sleeper.sleep(Duration.ofSeconds(7));
        sleeper.sleep(Duration.ofMillis(300)); // a backoff after a 503: not announced
        metrics.onThrottleWait(BUCKET, Duration.ofSeconds(2));
        metrics.onResponse("POST", BUCKET, 503, Duration.ofMillis(20), null);
        sleeper.sleep(Duration.ofMillis(600)); // an answer came between the announcement and this sleep

        assertThat(slept).containsExactly(Duration.ofSeconds(7), Duration.ofMillis(300), Duration.ofMillis(600));
        assertThat(counters.rateLimitWait()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void threadsWaitingOutTheSameResetCountOnce() throws Exception {
        // The first worker waits 20 s; 5 s into it a second worker starts a 10 s wait of its own.
        Sleeper sleeper = counters.sleeper(duration -> {
            if (duration.equals(Duration.ofSeconds(20))) {
                pass(Duration.ofSeconds(5));
                Thread second = new Thread(() -> {
                    metrics.onThrottleWait(BUCKET, Duration.ofSeconds(10));
                    try {
                        counters.sleeper(this::pass).sleep(Duration.ofSeconds(10));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                second.start();
                second.join();
                pass(Duration.ofSeconds(5));
            } else {
                pass(duration);
            }
        });

        metrics.onThrottleWait(BUCKET, Duration.ofSeconds(20));
        sleeper.sleep(Duration.ofSeconds(20));

        assertThat(counters.rateLimitWait()).isEqualTo(Duration.ofSeconds(20));
    }

    private void pass(Duration duration) {
        slept.add(duration);
        nanos.addAndGet(duration.toNanos());
    }
}
