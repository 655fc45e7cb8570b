package dev.oktaprov.onboarding;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** The bytes a request will send, read from its body publisher (tests that rewrite the function's SQS calls). */
final class RequestBodies {

    private RequestBodies() {
    }

    static byte[] bodyOf(HttpRequest request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> read = new CompletableFuture<>();
        request.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.writeBytes(bytes);
            }

            @Override
            public void onError(Throwable failure) {
                read.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                read.complete(null);
            }
        });
        read.join();
        return out.toByteArray();
    }
}
