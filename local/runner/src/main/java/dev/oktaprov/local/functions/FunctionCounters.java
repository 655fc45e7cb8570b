package dev.oktaprov.local.functions;

import com.amazonaws.services.lambda.runtime.Context;
import dev.oktaprov.runtime.ProvisioningMetrics;
import dev.oktaprov.time.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricResolution;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * A function's metrics as the local runner sees them: every metric the function adds goes on to
 * Powertools unchanged (EMF lines in the log file, as in Lambda) and is also totalled here, so the
 * progress display reads the same counts CloudWatch would chart ({@code UsersCreated},
 * {@code UsersAlreadyExisted}, …).
 *
 * <p>It also measures how long the function was held up by Okta's rate limit: the time during which
 * at least one of its threads slept until a rate-limit reset (wall-clock time, so eight workers
 * waiting out the same minute count one minute). The client announces such a wait
 * ({@code OktaThrottled}, on the waiting thread) right before it sleeps; {@link #sleeper(Sleeper)}
 * counts a sleep only when the last metric added on its thread was that announcement, so backoff
 * pauses after a 5xx or an I/O error are not counted.
 */
public final class FunctionCounters implements Metrics {

    private final Metrics delegate;
    private final Map<String, DoubleAdder> totals = new ConcurrentHashMap<>();
    private final ThreadLocal<Boolean> throttleWaitAnnounced = ThreadLocal.withInitial(() -> false);
    private final LongSupplier nanoTime;
    private final Object waits = new Object();
    private int threadsWaiting;
    private long waitingSinceNanos;
    private long rateLimitWaitNanos;

    public FunctionCounters(Metrics delegate) {
        this(delegate, System::nanoTime);
    }

    /** @param nanoTime the time source of the rate-limit wait (tests) */
    FunctionCounters(Metrics delegate, LongSupplier nanoTime) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** The total of metric {@code name} since start (0 when it was never added). */
    public long total(String name) {
        DoubleAdder total = totals.get(name);
        return total == null ? 0 : Math.round(total.sum());
    }

    /** Time during which some thread of the function waited for a rate-limit reset, the current wait included. */
    public Duration rateLimitWait() {
        synchronized (waits) {
            long current = threadsWaiting > 0 ? nanoTime.getAsLong() - waitingSinceNanos : 0;
            return Duration.ofNanos(rateLimitWaitNanos + current);
        }
    }

    /** {@code real}, timing the sleeps that wait for a rate-limit reset. */
    public Sleeper sleeper(Sleeper real) {
        Objects.requireNonNull(real, "real");
        return duration -> {
            boolean rateLimited = throttleWaitAnnounced.get();
            throttleWaitAnnounced.set(false);
            if (!rateLimited) {
                real.sleep(duration);
                return;
            }
            synchronized (waits) {
                if (threadsWaiting++ == 0) {
                    waitingSinceNanos = nanoTime.getAsLong();
                }
            }
            try {
                real.sleep(duration);
            } finally {
                synchronized (waits) {
                    if (--threadsWaiting == 0) {
                        rateLimitWaitNanos += nanoTime.getAsLong() - waitingSinceNanos;
                    }
                }
            }
        };
    }

    @Override
    public void addMetric(String name, double value, MetricUnit unit, MetricResolution resolution) {
        count(name, value);
        delegate.addMetric(name, value, unit, resolution);
    }

    @Override
    public void addMetric(String name, double value, MetricUnit unit) {
        count(name, value);
        delegate.addMetric(name, value, unit);
    }

    @Override
    public void addMetric(String name, double value) {
        count(name, value);
        delegate.addMetric(name, value);
    }

    private void count(String name, double value) {
        totals.computeIfAbsent(name, key -> new DoubleAdder()).add(value);
        throttleWaitAnnounced.set(ProvisioningMetrics.OKTA_THROTTLED.equals(name));
    }

    @Override
    public void addDimension(String key, String value) {
        delegate.addDimension(key, value);
    }

    @Override
    public void addDimension(DimensionSet dimensionSet) {
        delegate.addDimension(dimensionSet);
    }

    @Override
    public void setTimestamp(Instant timestamp) {
        delegate.setTimestamp(timestamp);
    }

    @Override
    public void addMetadata(String key, Object value) {
        delegate.addMetadata(key, value);
    }

    @Override
    public void setDefaultDimensions(DimensionSet dimensionSet) {
        delegate.setDefaultDimensions(dimensionSet);
    }

    @Override
    public DimensionSet getDefaultDimensions() {
        return delegate.getDefaultDimensions();
    }

    @Override
    public void setNamespace(String namespace) {
        delegate.setNamespace(namespace);
    }

    @Override
    public void setRaiseOnEmptyMetrics(boolean raiseOnEmptyMetrics) {
        delegate.setRaiseOnEmptyMetrics(raiseOnEmptyMetrics);
    }

    @Override
    public void clearDefaultDimensions() {
        delegate.clearDefaultDimensions();
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void captureColdStartMetric(Context context, DimensionSet dimensions) {
        delegate.captureColdStartMetric(context, dimensions);
    }

    @Override
    public void captureColdStartMetric(DimensionSet dimensions) {
        delegate.captureColdStartMetric(dimensions);
    }

    @Override
    public void flushMetrics(Consumer<Metrics> metricsConsumer) {
        delegate.flushMetrics(metricsConsumer);
    }

    @Override
    public void flushSingleMetric(String name, double value, MetricUnit unit, String namespace,
            DimensionSet dimensions) {
        delegate.flushSingleMetric(name, value, unit, namespace, dimensions);
    }
}
