package dev.oktaprov.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A real {@link HttpClient} that also notes the method and URI of every request before sending it:
 * how a test sees exactly what reached a server (say, the filter expression the Okta simulator got)
 * without standing anything in between.
 */
public final class RecordingHttpClient extends ForwardingHttpClient {

    /** One request as sent: method and the URI, still percent-encoded. */
    public record Sent(String method, URI uri) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Consumer<HttpResponse<?>> afterEach;

    public RecordingHttpClient(HttpClient delegate) {
        this(delegate, response -> { });
    }

    /**
     * @param afterEach runs on the calling thread with each answer of {@link #send}, before the caller
     *     gets it: how a test holds threads at one point, e.g. until all of them have their answer
     */
    public RecordingHttpClient(HttpClient delegate, Consumer<HttpResponse<?>> afterEach) {
        super(delegate);
        this.afterEach = afterEach;
    }

    /** Every request so far, oldest first. */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public void clear() {
        sent.clear();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        sent.add(new Sent(request.method(), request.uri()));
        HttpResponse<T> response = delegate.send(request, handler);
        afterEach.accept(response);
        return response;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        sent.add(new Sent(request.method(), request.uri()));
        return delegate.sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        sent.add(new Sent(request.method(), request.uri()));
        return delegate.sendAsync(request, handler, pushPromiseHandler);
    }
}
