package dev.oktaprov.bench.jmh;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;

/** Turning bytes into an {@link HttpResponse} through the caller's own body handler, and back. */
final class ByteResponses {

    private ByteResponses() {}

    static <T> HttpResponse<T> deliver(HttpRequest request, int status, HttpHeaders headers, byte[] body,
            HttpResponse.BodyHandler<T> handler) {
        HttpResponse.ResponseInfo info = new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public HttpHeaders headers() {
                return headers;
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
        HttpResponse.BodySubscriber<T> subscriber = handler.apply(info);
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        if (body.length > 0) {
            subscriber.onNext(List.of(ByteBuffer.wrap(body)));
        }
        subscriber.onComplete();
        T value = subscriber.getBody().toCompletableFuture().join();
        return new Response<>(request, status, headers, value);
    }

    /** The bytes a request's body publisher produces (empty for none). */
    static byte[] bodyOf(HttpRequest request) {
        Optional<HttpRequest.BodyPublisher> publisher = request.bodyPublisher();
        if (publisher.isEmpty() || publisher.get().contentLength() == 0) {
            return new byte[0];
        }
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        List<ByteBuffer> parts = new ArrayList<>();
        publisher.get().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                parts.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                int size = parts.stream().mapToInt(ByteBuffer::remaining).sum();
                byte[] all = new byte[size];
                int at = 0;
                for (ByteBuffer part : parts) {
                    int n = part.remaining();
                    part.get(all, at, n);
                    at += n;
                }
                done.complete(all);
            }
        });
        try {
            return done.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not read the request body", e);
        }
    }

    private record Response<T>(HttpRequest request, int statusCode, HttpHeaders headers, T body) implements HttpResponse<T> {
        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
