package dev.oktaprov.okta;

import dev.oktaprov.errors.OktaProvisioningException;
import dev.oktaprov.errors.RateLimitedException;
import dev.oktaprov.errors.TransientUpstreamException;
import dev.oktaprov.ratelimit.RateLimitBudget;
import dev.oktaprov.ratelimit.RateLimitHeaders;
import dev.oktaprov.ratelimit.RetryPolicy;
import dev.oktaprov.time.Deadline;
import dev.oktaprov.time.Sleeper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one call to Okta until it succeeds or must fail: the rate-limit budget before each attempt,
 * the deadline over every wait, and one decision per kind of failed answer (I/O, 429, 401, 5xx).
 * Other 4xx are never retried.
 */
final class OktaTransport {

    /** One endpoint call; {@code notFoundWhat} names what a 404 means. */
    record Call(String method, URI uri, String bucket, byte[] body, String notFoundWhat) {}

    /** A 2xx answer. */
    record Answer(HttpHeaders headers, byte[] body, String requestId) {}

    private static final Logger LOG = LoggerFactory.getLogger(OktaClient.class);
    private static final String REQUEST_ID = "X-Okta-Request-Id";

    private final OktaClientSettings settings;
    private final CredentialSource credentials;
    private final HttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RetryPolicy retryPolicy;
    private final RateLimitBudget budget;
    private final OktaListener listener;

    OktaTransport(OktaClientSettings settings, CredentialSource credentials, HttpClient http, Clock clock,
            Sleeper sleeper, RetryPolicy retryPolicy, RateLimitBudget budget, OktaListener listener) {
        this.settings = settings;
        this.credentials = credentials;
        this.http = http;
        this.clock = clock;
        this.sleeper = sleeper;
        this.retryPolicy = retryPolicy;
        this.budget = budget;
        this.listener = listener;
    }

    /** What one call has been through so far. */
    private static final class Attempts {
        int attempt;
        String firstFailureRequestId;
        OktaProvisioningException lastFailure;
        boolean credentialsRefreshed;
    }

    /**
     * Sends {@code call} until it succeeds or must fail. {@code beforeResend}, when given, runs before
     * a request whose previous attempt may have been carried out by Okta is sent again.
     */
    Answer send(Call call, Deadline deadline, Runnable beforeResend) {
        Attempts attempts = new Attempts();
        // The loop's own bound: whatever a decision below says, no call makes more than maxAttempts attempts.
        for (attempts.attempt = 1; attempts.attempt <= retryPolicy.maxAttempts(); attempts.attempt++) {
            awaitBudget(call.bucket(), deadline);
            timeLeft(deadline, attempts.lastFailure);
            Map<String, String> authorization = credentials.headers(call.method(), call.uri(), deadline);
            // Fetching the credential may have taken time: the request gets what is left after it.
            Duration left = timeLeft(deadline, attempts.lastFailure);
            HttpRequest request = HeaderSafeRequests.build(() ->
                    request(call, authorization, attempts, min(settings.requestTimeout(), left)));
            long started = System.nanoTime();
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                retryAfterIoFailure(call, e, attempts, deadline, beforeResend);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientUpstreamException("Interrupted while waiting for Okta", null, e);
            }
            Instant receivedAt = clock.instant();
            String requestId = response.headers().firstValue(REQUEST_ID).orElse(null);
            int status = response.statusCode();
            RateLimitHeaders limits = RateLimitHeaders.from(response.headers()::firstValue);
            budget.record(call.bucket(), limits, receivedAt);
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            listener.onResponse(call.method(), call.bucket(), status, latency, requestId);
            LOG.debug("Okta {} -> {} in {} ms (request id {}, attempt {})",
                    call.bucket(), status, latency.toMillis(), requestId, attempts.attempt);
            if (status >= 200 && status < 300) {
                return new Answer(response.headers(), response.body(), requestId);
            }
            if (attempts.firstFailureRequestId == null) {
                attempts.firstFailureRequestId = requestId;
            }
            if (status == 429) {
                waitOutRateLimit(call, limits, receivedAt, requestId, attempts, deadline);
            } else if (status == 401 && mayRefreshCredentials(attempts)) {
                refreshCredentials(call, authorization.get("Authorization"), requestId, attempts);
            } else {
                OktaProvisioningException failure =
                        OktaErrors.toException(status, response.body(), requestId, call.notFoundWhat());
                if (status < 500) {
                    throw failure;
                }
                retryAfterServerError(call, status, requestId, failure, attempts, deadline, beforeResend);
            }
        }
        // Every decision throws on the last attempt; this keeps the bound even if one forgets.
        throw attempts.lastFailure != null ? attempts.lastFailure
                : new TransientUpstreamException("Okta could not be called in " + retryPolicy.maxAttempts() + " attempts", null);
    }

    private void retryAfterIoFailure(Call call, IOException e, Attempts attempts, Deadline deadline, Runnable beforeResend) {
        attempts.lastFailure = new TransientUpstreamException(describe(e), null, e);
        LOG.warn("Okta {} attempt {} failed: {}", call.bucket(), attempts.attempt, describe(e));
        if (!retryPolicy.mayRetryAfter(attempts.attempt)) {
            throw attempts.lastFailure;
        }
        // A request that never left cannot have been carried out.
        boolean neverSent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
        if (!neverSent && beforeResend != null) {
            beforeResend.run();
        }
        backoff(call, attempts, deadline, "I/O");
    }

    private void waitOutRateLimit(Call call, RateLimitHeaders limits, Instant receivedAt, String requestId,
            Attempts attempts, Deadline deadline) {
        int failedAttempt = attempts.attempt;
        // A concurrency 429 (Limit: 0) has no trustworthy reset: back off instead, at least 1 s.
        Optional<Duration> untilReset = budget.waitAfterTooManyRequests(call.bucket(), limits, receivedAt);
        Duration wait = untilReset.orElseGet(() -> max(Duration.ofSeconds(1), retryPolicy.backoffAfter(failedAttempt)));
        attempts.lastFailure = new RateLimitedException(seconds(wait), requestId, untilReset.isPresent());
        if (!retryPolicy.mayRetryAfter(failedAttempt) || !deadline.allows(receivedAt.plus(wait))) {
            LOG.warn("Okta {} rate limited; giving up with retry-after {} s (request id {})",
                    call.bucket(), seconds(wait), requestId);
            throw attempts.lastFailure;
        }
        listener.onThrottleWait(call.bucket(), wait);
        listener.onRetry(call.method(), call.bucket(), failedAttempt + 1, "HTTP 429");
        LOG.info("Okta {} rate limited; waiting {} ms (request id {})", call.bucket(), wait.toMillis(), requestId);
        sleep(wait);
    }

    private boolean mayRefreshCredentials(Attempts attempts) {
        return !attempts.credentialsRefreshed && retryPolicy.mayRetryAfter(attempts.attempt);
    }

    private void refreshCredentials(Call call, String rejected, String requestId, Attempts attempts) {
        // A rotated token or an expired access token: fetch the credentials once more.
        attempts.credentialsRefreshed = true;
        credentials.invalidate(rejected);
        listener.onRetry(call.method(), call.bucket(), attempts.attempt + 1, "HTTP 401");
        LOG.warn("Okta {} answered 401; refreshing credentials once (request id {})", call.bucket(), requestId);
    }

    private void retryAfterServerError(Call call, int status, String requestId, OktaProvisioningException failure,
            Attempts attempts, Deadline deadline, Runnable beforeResend) {
        attempts.lastFailure = failure;
        LOG.warn("Okta {} attempt {} answered {} (request id {})", call.bucket(), attempts.attempt, status, requestId);
        if (!retryPolicy.mayRetryAfter(attempts.attempt)) {
            throw failure;
        }
        if (beforeResend != null) {
            beforeResend.run();
        }
        backoff(call, attempts, deadline, "HTTP " + status);
    }

    /** The time left before the deadline; none left fails with the last failure, or as Okta unavailable. */
    private Duration timeLeft(Deadline deadline, OktaProvisioningException lastFailure) {
        Duration left = deadline.remaining(clock);
        if (left.isZero()) {
            throw lastFailure != null ? lastFailure
                    : new TransientUpstreamException("No time left before the deadline to call Okta", null);
        }
        return left;
    }

    private void awaitBudget(String bucket, Deadline deadline) {
        for (Duration wait = budget.reserve(bucket); !wait.isZero(); wait = budget.reserve(bucket)) {
            if (!deadline.allows(clock.instant().plus(wait))) {
                throw new RateLimitedException(seconds(wait), null);
            }
            listener.onThrottleWait(bucket, wait);
            LOG.info("Okta {}: this client's share of the rate limit is spent; waiting {} ms", bucket, wait.toMillis());
            sleep(wait);
        }
    }

    private void backoff(Call call, Attempts attempts, Deadline deadline, String reason) {
        Duration pause = retryPolicy.backoffAfter(attempts.attempt);
        if (!deadline.allows(clock.instant().plus(pause))) {
            throw attempts.lastFailure;
        }
        listener.onRetry(call.method(), call.bucket(), attempts.attempt + 1, reason);
        sleep(pause);
    }

    private void sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientUpstreamException("Interrupted while waiting to retry Okta", null, e);
        }
    }

    private HttpRequest request(Call call, Map<String, String> authorization, Attempts attempts, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri()).timeout(timeout);
        authorization.forEach(builder::header);
        builder.header("Accept", "application/json").header("User-Agent", settings.userAgent());
        if (attempts.attempt > 1) {
            if (attempts.firstFailureRequestId != null) {
                builder.header("X-Okta-Retry-For", attempts.firstFailureRequestId);
            }
            builder.header("X-Okta-Retry-Count", Integer.toString(attempts.attempt - 1));
        }
        if (call.body() != null) {
            builder.header("Content-Type", "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()));
        } else if ("GET".equals(call.method())) {
            builder.GET();
        } else {
            // Okta answers 411 to a bodiless POST without Content-Length; the JDK sends "Content-Length: 0".
            builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    private static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "Timed out connecting to Okta";
        }
        if (e instanceof HttpTimeoutException) {
            return "Okta did not answer in time";
        }
        if (e instanceof ConnectException) {
            return "Could not connect to Okta";
        }
        return "Lost the connection to Okta (" + e.getClass().getSimpleName() + ")";
    }

    static long seconds(Duration d) {
        long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Math.max(1, s);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
