package dev.oktaprov.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class OverlappingWaitsTest {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final OverlappingWaits waits = new OverlappingWaits(clock);

    @Test
    void waitsThatBeganTogetherMoveTimeOnceToTheirEnd() throws InterruptedException {
        // Both threads read the time, then both wait for the same reset 61 s on.
        CountDownLatch bothRead = new CountDownLatch(2);
        Runnable worker = () -> {
            Instant now = waits.instant();
            bothRead.countDown();
            try {
                bothRead.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            waits.sleep(Duration.between(now, START.plusSeconds(61)));
        };
        Thread first = new Thread(worker);
        Thread second = new Thread(worker);
        first.start();
        second.start();
        first.join();
        second.join();

        assertThat(clock.instant()).isEqualTo(START.plusSeconds(61));
    }

    @Test
    void aWaitThatEndsLaterMovesTimeOnToItsEndAndAShorterOneDoesNotMoveItBack() {
        waits.instant();
        waits.sleep(Duration.ofSeconds(10));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(10));

        waits.instant();
        waits.sleep(Duration.ofSeconds(5));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(15));

        clock.advanceTo(START);
        assertThat(clock.instant()).as("never back").isEqualTo(START.plusSeconds(15));
    }

    @Test
    void aWaitMovesTheClockOnlyAfterTheRequestInFlightHasItsAnswer() throws Exception {
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        Instant[] answeredAt = new Instant[1];
        HttpClient server = new ForwardingHttpClient(HttpClient.newHttpClient()) {
            @Override
            public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws InterruptedException {
                inFlight.countDown();
                answer.await();
                answeredAt[0] = clock.instant();
                return null;
            }
        };
        HttpClient http = waits.calls(server);
        Thread requester = new Thread(() -> {
            try {
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9/")).build(), HttpResponse.BodyHandlers.discarding());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        requester.start();
        inFlight.await();
        Thread sleeper = new Thread(() -> {
            waits.instant();
            waits.sleep(Duration.ofSeconds(61));
        });
        sleeper.start();
        while (sleeper.getState() != Thread.State.WAITING && sleeper.isAlive()) {
            Thread.onSpinWait();
        }
        answer.countDown();
        requester.join();
        sleeper.join();

        assertThat(answeredAt[0]).as("the server's time while it answered").isEqualTo(START);
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(61));
    }

    @Test
    void aThreadThatNeverReadTheTimeWaitsFromNow() throws InterruptedException {
        clock.advance(Duration.ofSeconds(3));
        Thread fresh = new Thread(() -> waits.sleep(Duration.ofSeconds(2)));
        fresh.start();
        fresh.join();

        assertThat(clock.instant()).isEqualTo(START.plusSeconds(5));
    }
}
