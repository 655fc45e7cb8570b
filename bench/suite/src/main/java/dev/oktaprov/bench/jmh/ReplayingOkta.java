package dev.oktaprov.bench.jmh;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Okta answered in this JVM, for the benchmarks only: an {@link HttpClient} that first passes a
 * handler's requests to the real simulator and keeps each answer ({@link #recording}), then
 * answers the same requests from memory ({@link #replaying}). The answers are the simulator's own
 * bytes, so the handler parses exactly what it parses in the tests.
 *
 * <p>Replayed rate-limit headers describe a bucket too large to run out during a benchmark (a
 * billion requests, reset an hour after the answer's Date): the client still parses and accounts
 * for them, but never waits.
 */
public final class ReplayingOkta extends HttpClient {

    private record Key(String method, String uri, String body) {}

    private record Answer(int status, HttpHeaders headers, byte[] body) {}

    private final HttpClient live;
    private final Map<Key, Answer> answers;
    private final boolean recording;

    private ReplayingOkta(HttpClient live, Map<Key, Answer> answers, boolean recording) {
        this.live = live;
        this.answers = answers;
        this.recording = recording;
    }

    public static ReplayingOkta recording(HttpClient live) {
        return new ReplayingOkta(live, new ConcurrentHashMap<>(), true);
    }

    /** A client that answers what this one recorded, and fails on anything else. */
    public ReplayingOkta replaying() {
        return new ReplayingOkta(null, Map.copyOf(answers), false);
    }

    public int recorded() {
        return answers.size();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        byte[] requestBody = ByteResponses.bodyOf(request);
        Key key = new Key(request.method(), request.uri().toString(),
                requestBody.length == 0 ? "" : new String(requestBody, StandardCharsets.UTF_8));
        if (recording) {
            HttpResponse<byte[]> real = live.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Answer answer = new Answer(real.statusCode(), bottomlessBucket(real.headers()), real.body());
            answers.put(key, answer);
            return ByteResponses.deliver(request, answer.status(), real.headers(), answer.body(), handler);
        }
        Answer answer = answers.get(key);
        if (answer == null) {
            throw new IllegalStateException("no recorded answer for " + key.method() + " " + key.uri());
        }
        return ByteResponses.deliver(request, answer.status(), answer.headers(), answer.body(), handler);
    }

    private static HttpHeaders bottomlessBucket(HttpHeaders headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers.map());
        if (copy.containsKey("X-Rate-Limit-Limit") || copy.containsKey("x-rate-limit-limit")) {
            long date = headers.firstValue("Date").map(d -> java.time.ZonedDateTime.parse(d,
                    java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond()).orElse(0L);
            copy.keySet().removeIf(name -> name.toLowerCase().startsWith("x-rate-limit-"));
            copy.put("X-Rate-Limit-Limit", List.of("1000000000"));
            copy.put("X-Rate-Limit-Remaining", List.of("999999999"));
            copy.put("X-Rate-Limit-Reset", List.of(Long.toString(date + 3600)));
        }
        return HttpHeaders.of(copy, (name, value) -> true);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return CompletableFuture.completedFuture(send(request, handler));
        } catch (IOException | InterruptedException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return sendAsync(request, handler);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return Optional.of(Duration.ofSeconds(5));
    }

    @Override
    public Redirect followRedirects() {
        return Redirect.NEVER;
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return Optional.empty();
    }

    @Override
    public SSLContext sslContext() {
        throw new UnsupportedOperationException("no TLS in the replay");
    }

    @Override
    public SSLParameters sslParameters() {
        return new SSLParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return Optional.empty();
    }

    @Override
    public Version version() {
        return Version.HTTP_1_1;
    }

    @Override
    public Optional<Executor> executor() {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "ReplayingOkta[" + (recording ? "recording" : "replaying") + ", " + answers.size() + " answers "
                + Arrays.toString(answers.keySet().stream().map(k -> k.method() + " " + k.uri()).toArray()) + "]";
    }
}
