package dev.oktaprov.aws;

import dev.oktaprov.time.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Calls an AWS service that speaks the AWS JSON 1.1 (or 1.0) protocol ({@code POST /},
 * {@code X-Amz-Target: Service.Operation}), signed with SigV4, over the JDK's HTTP client. Each
 * request carries the invocation's X-Ray trace header when there is one, as the AWS SDK's does
 * inside Lambda (Lambda's recursive loop detection reads it). Retries
 * as the AWS SDK's standard strategy does: at most three attempts, on a connection failure, a timed
 * out attempt, a 5xx, throttling or a transient error code, after an exponential backoff with full
 * jitter (from 100 ms; from 1 s after throttling), and once after the service says the clock is
 * skewed, with the clock corrected. The whole call is bounded by its call timeout and the time the
 * caller has left, each attempt by the attempt timeout too; both are measured in real time.
 */
public final class AwsJsonClient {

    /** Attempts per call, as the AWS SDK's standard retry strategy makes. */
    public static final int MAX_ATTEMPTS = 3;
    private static final Duration BASE_DELAY = Duration.ofMillis(100);
    private static final Duration THROTTLED_BASE_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofSeconds(20);
    private static final Set<String> CLOCK_SKEW = Set.of("RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture",
            "InvalidSignatureException", "SignatureDoesNotMatch", "AuthFailure");
    private static final Duration SKEW_WORTH_CORRECTING = Duration.ofMinutes(4);
    private static final Set<String> ERROR_FIELDS = Set.of("__type", "code", "Code");
    /** The content type of AWS JSON 1.1 (Secrets Manager) and 1.0 (SQS, Step Functions). */
    public static final String JSON_1_1 = "application/x-amz-json-1.1";
    public static final String JSON_1_0 = "application/x-amz-json-1.0";

    /** How long calls may take: all attempts together, and each one. */
    public record Timeouts(Duration call, Duration attempt) {
    }

    private final HttpClient http;
    private final URI endpoint;
    private final SigV4 signer;
    private final LambdaCredentials credentials;
    private final String contentType;
    private final Supplier<String> traceHeader;
    private final Timeouts timeouts;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final LongSupplier nanoTime;
    private volatile Duration clockSkew = Duration.ZERO;

    /**
     * @param clock the time requests are signed with (the real one, but in tests)
     * @param random draws the jitter; must not be seeded during a SnapStart init
     * @param nanoTime measures the call timeout, as the SDK's timers do, in real time
     * @param contentType {@link #JSON_1_1} or {@link #JSON_1_0}, as the service's protocol says
     * @param traceHeader the X-Ray trace header to send ({@code X-Amzn-Trace-Id}), or null for none;
     *     asked at each attempt (see {@link XrayTraceHeader#current()})
     */
    public AwsJsonClient(HttpClient http, URI endpoint, SigV4 signer, LambdaCredentials credentials, Timeouts timeouts,
            Clock clock, Sleeper sleeper, RandomGenerator random, LongSupplier nanoTime, String contentType,
            Supplier<String> traceHeader) {
        this.http = http;
        this.endpoint = endpoint.getPath() == null || endpoint.getPath().isEmpty() ? endpoint.resolve("/") : endpoint;
        this.signer = signer;
        this.credentials = credentials;
        this.contentType = contentType;
        this.traceHeader = traceHeader;
        this.timeouts = timeouts;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        this.nanoTime = nanoTime;
    }

    /**
     * The answer's body to {@code target} (e.g. {@code secretsmanager.GetSecretValue}) with {@code body},
     * within {@code timeLeft} at most (the caller's deadline).
     */
    public byte[] call(String target, byte[] body, Duration timeLeft) {
        long budget = min(timeouts.call(), timeLeft).toNanos();
        long start = nanoTime.getAsLong();
        boolean skewCorrected = false;
        for (int attempt = 1; ; attempt++) {
            long left = budget - (nanoTime.getAsLong() - start);
            if (left <= 0) {
                throw AwsCallException.timeout(null);
            }
            Duration attemptTimeout = min(timeouts.attempt(), Duration.ofNanos(left));
            AwsCallException failure;
            try {
                return attempt(target, body, attemptTimeout);
            } catch (AwsCallException e) {
                failure = e;
            }
            if (!skewCorrected && correctedClock(failure)) {
                skewCorrected = true;
            } else if (!failure.isRetryable()) {
                throw failure;
            }
            if (attempt == MAX_ATTEMPTS) {
                throw failure;
            }
            Duration wait = backoff(attempt, failure.isThrottling());
            long leftAfterWait = budget - (nanoTime.getAsLong() - start) - wait.toNanos();
            if (leftAfterWait <= 0) {
                throw failure;
            }
            sleep(wait, failure);
        }
    }

    /** The text field {@code field} of the answer to {@code target}, or null when the answer has none. */
    public String callForText(String target, byte[] body, Duration timeLeft, String field) {
        byte[] answer = call(target, body, timeLeft);
        try {
            return AwsJson.textFields(answer, Set.of(field)).get(field);
        } catch (IOException e) {
            throw AwsCallException.unreachable(new IOException("the answer to " + target + " is not JSON"));
        }
    }

    /**
     * Signs a request to {@code target} and reads {@code answer} as a real call does, in this process only:
     * for SnapStart's beforeCheckpoint, so that after a restore the first call finds the JDK's SHA-256 and
     * HMAC and Jackson's parser loaded. Nothing is sent, read or kept; the keys are dummies.
     */
    static void prime(String service, String target, String contentType, byte[] body, byte[] answer, String field) {
        new SigV4("us-east-1", service).sign("POST", URI.create("https://" + service + ".us-east-1.amazonaws.com/"),
                Map.of("Content-Type", contentType, "X-Amz-Target", target), body,
                AwsCredentials.of("PRIMING", "priming", "priming"), Instant.EPOCH);
        try {
            AwsJson.textFields(answer, Set.of(field));
        } catch (IOException e) {
            throw new IllegalStateException("the priming answer is JSON", e);
        }
    }

    private byte[] attempt(String target, byte[] body, Duration timeout) {
        AwsCredentials keys = credentials.get(timeout);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("X-Amz-Target", target);
        Instant signedAt = clock.instant().plus(clockSkew);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        String trace = traceHeader.get();
        if (trace != null && !trace.isBlank()) {
            // Not signed, as the AWS SDK leaves it unsigned: tracing may rewrite it on the way.
            request.header(XrayTraceHeader.HEADER, trace);
        }
        try {
            signer.sign("POST", endpoint, headers, body, keys, signedAt).forEach(request::header);
        } catch (IllegalArgumentException refused) {
            // The JDK's message quotes the whole value: a session token pasted with a line break would be logged.
            throw AwsCallException.noCredentials("the AWS keys hold a character an HTTP header cannot carry: look for a"
                    + " line break or an invisible character pasted with AWS_SESSION_TOKEN or AWS_ACCESS_KEY_ID");
        }
        HttpResponse<byte[]> response = exchange(http, request.build(), timeout);
        if (response.statusCode() / 100 == 2) {
            return response.body();
        }
        throw AwsCallException.serviceError(response.statusCode(), errorCode(response),
                response.headers().firstValue("Date").orElse(null));
    }

    /**
     * One request and its whole answer within {@code timeout}: the request timeout of the JDK's client
     * ends at the answer's headers, so a body that never ends is cut off here, and the exchange with it.
     */
    static HttpResponse<byte[]> exchange(HttpClient http, HttpRequest request, Duration timeout) {
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw AwsCallException.timeout(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw AwsCallException.timeout(cause);
            }
            throw AwsCallException.unreachable(cause instanceof IOException ? cause : e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw AwsCallException.unreachable(e);
        }
    }

    /**
     * AWS JSON's error code: a service that also speaks AWS Query (SQS) names its Query code in
     * {@code x-amzn-query-error} ({@code AWS.SimpleQueueService.NonExistentQueue;Sender}), which the
     * AWS SDK reports as the code; else the {@code x-amzn-ErrorType} header, else the body's
     * {@code __type} or {@code code}.
     */
    static String errorCode(HttpResponse<byte[]> response) {
        String queryCode = response.headers().firstValue("x-amzn-query-error").map(value -> value.split(";", 2)[0].strip())
                .orElse("");
        if (!queryCode.isEmpty()) {
            return queryCode;
        }
        String code = response.headers().firstValue("x-amzn-ErrorType").orElse(null);
        if (code == null) {
            try {
                Map<String, String> fields = AwsJson.textFields(response.body(), ERROR_FIELDS);
                code = fields.getOrDefault("__type", fields.getOrDefault("code", fields.get("Code")));
            } catch (IOException | RuntimeException notJson) {
                return null;
            }
        }
        if (code == null) {
            return null;
        }
        int colon = code.indexOf(':');
        code = colon < 0 ? code : code.substring(0, colon);
        code = code.substring(code.lastIndexOf('#') + 1).strip();
        return code.isEmpty() ? null : code;
    }

    /** On a clock-skew answer with a {@code Date} far from ours: sign with the service's time from now on. */
    private boolean correctedClock(AwsCallException failure) {
        String date = failure.serverDate();
        if (failure.errorCode() == null || !CLOCK_SKEW.contains(failure.errorCode()) || date == null) {
            return false;
        }
        try {
            Instant theirs = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration skew = Duration.between(clock.instant(), theirs);
            if (skew.abs().compareTo(SKEW_WORTH_CORRECTING) < 0) {
                return false;
            }
            clockSkew = skew;
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Full jitter: a random wait up to base × 2^(attempt-1), at most 20 s. */
    private Duration backoff(int attempt, boolean throttled) {
        Duration base = throttled ? THROTTLED_BASE_DELAY : BASE_DELAY;
        long ceiling = Math.min(MAX_DELAY.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(random.nextLong(ceiling + 1));
    }

    private void sleep(Duration wait, AwsCallException failure) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
