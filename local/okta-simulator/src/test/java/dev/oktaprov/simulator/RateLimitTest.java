package dev.oktaprov.simulator;

import static dev.oktaprov.simulator.OktaHttp.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.simulator.OktaHttp.Answer;
import dev.oktaprov.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-bucket windows, X-Rate-Limit-* headers, 429 E0000047 and the concurrency limit; pinned to API-NOTES "Rate limits". */
class RateLimitTest {

    // 45 s into a minute: a window aligned to the minute would end 15 s later.
    private static final Instant START = Instant.parse("2026-03-02T10:00:45.000Z");
    private static final MutableClock CLOCK = new MutableClock(START);
    private static OktaSimulator okta;
    private static OktaHttp http;

    @BeforeAll
    static void start() {
        okta = OktaSimulator.start(SimulatorOptions.defaults().withToken("test-token").withClock(CLOCK));
        http = new OktaHttp(okta);
    }

    @AfterAll
    static void stop() {
        okta.close();
    }

    @BeforeEach
    void fresh() {
        CLOCK.set(START);
        okta.reset();
    }

    /** Seconds from the answer's Date to its reset: what a client waits (okta-sdk-java: reset*1000 - Date). */
    private static long secondsUntilReset(Answer answer) {
        long date = ZonedDateTime.parse(answer.header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        return answer.longHeader("X-Rate-Limit-Reset") - date;
    }

    @Test
    void everyAnswerCarriesItsBucketsHeadersWithPublishedDefaults() {
        Answer created = http.post("/api/v1/users", newUser("ada@example.com", "Ada", "Lovelace"));
        Answer byId = http.get("/api/v1/users/" + created.json().path("id").asText());
        Answer list = http.get("/api/v1/users");
        Answer notFound = http.get("/api/v1/users/nobody%40example.com");

        assertThat(created.header("X-Rate-Limit-Limit")).isEqualTo("600");
        assertThat(created.header("X-Rate-Limit-Remaining")).isEqualTo("599");
        assertThat(byId.header("X-Rate-Limit-Limit")).isEqualTo("2000");
        assertThat(byId.header("X-Rate-Limit-Remaining")).isEqualTo("1999");
        assertThat(list.header("X-Rate-Limit-Remaining")).as("GET and POST /api/v1/users share a bucket").isEqualTo("598");
        assertThat(notFound.header("X-Rate-Limit-Remaining")).isEqualTo("1998");
        assertThat(okta.counters().requests(RateLimitBucket.USERS)).isEqualTo(2);
        assertThat(okta.counters().requests(RateLimitBucket.USER_GET)).isEqualTo(2);
    }

    @Test
    void resetIsSixtySecondsAfterTheFirstRequestOfTheWindowNotTheMinute() {
        Answer first = http.get("/api/v1/users");
        CLOCK.advance(Duration.ofSeconds(25));
        Answer later = http.get("/api/v1/users");

        assertThat(secondsUntilReset(first)).isBetween(60L, 61L);
        assertThat(secondsUntilReset(later)).isBetween(35L, 36L);
    }

    @Test
    void overTheLimitIs429E0000047UntilTheWindowEnds() {
        okta.setLimit(RateLimitBucket.USERS, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/api/v1/users").status()).isEqualTo(200);
        }

        Answer limited = http.get("/api/v1/users");
        Answer otherBucket = http.get("/api/v1/groups");
        CLOCK.advance(Duration.ofSeconds(20)); // 10:01:05, a new wall-clock minute, same window
        Answer stillLimited = http.get("/api/v1/users");
        CLOCK.set(START.plusSeconds(60));
        Answer newWindow = http.get("/api/v1/users");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.errorCode()).isEqualTo("E0000047");
        assertThat(limited.json().path("errorSummary").asText())
                .isEqualTo("API call exceeded rate limit due to too many requests.");
        assertThat(limited.header("X-Rate-Limit-Limit")).isEqualTo("3");
        assertThat(limited.header("X-Rate-Limit-Remaining")).isEqualTo("0");
        assertThat(secondsUntilReset(limited)).isBetween(60L, 61L);
        assertThat(otherBucket.status()).isEqualTo(200);
        assertThat(stillLimited.status()).isEqualTo(429);
        assertThat(newWindow.status()).isEqualTo(200);
        assertThat(newWindow.header("X-Rate-Limit-Remaining")).isEqualTo("2");
        assertThat(okta.counters().rateLimited(RateLimitBucket.USERS)).isEqualTo(2);
        assertThat(okta.counters().tooManyRequests()).isEqualTo(2);
    }

    @Test
    void aShorterWindowEndsSoonerWithTheSameLimit() {
        try (OktaSimulator quick = OktaSimulator.start(SimulatorOptions.defaults().withToken("test-token")
                .withClock(CLOCK).withRateLimitWindow(Duration.ofSeconds(2)).withLimit(RateLimitBucket.USERS, 1))) {
            OktaHttp quickHttp = new OktaHttp(quick);

            Answer first = quickHttp.get("/api/v1/users");
            Answer limited = quickHttp.get("/api/v1/users");
            CLOCK.advance(Duration.ofSeconds(2));
            Answer nextWindow = quickHttp.get("/api/v1/users");

            assertThat(first.status()).isEqualTo(200);
            assertThat(secondsUntilReset(first)).isBetween(2L, 3L);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("X-Rate-Limit-Limit")).isEqualTo("1");
            assertThat(nextWindow.status()).isEqualTo(200);
        }
    }

    @Test
    void unauthenticatedRequestsDoNotSpendTheBudget() {
        Answer rejected = http.request("GET", "/api/v1/users").withoutHeader("Authorization").violatingContract().send();
        Answer accepted = http.get("/api/v1/users");

        assertThat(rejected.status()).isEqualTo(401);
        assertThat(rejected.header("X-Rate-Limit-Remaining")).isEqualTo("600");
        assertThat(accepted.header("X-Rate-Limit-Remaining")).isEqualTo("599");
    }

    @Test
    void limitsChangeAtRunTimeAndResetRestoresTheStartOnes() {
        okta.setLimit(RateLimitBucket.USER_GET, 5);
        assertThat(http.get("/api/v1/users/nobody").header("X-Rate-Limit-Limit")).isEqualTo("5");

        okta.reset();

        assertThat(http.get("/api/v1/users/nobody").header("X-Rate-Limit-Limit")).isEqualTo("2000");
    }

    @Test
    void concurrencyLimitAnswers429WithLimitAndRemainingZero() throws Exception {
        Semaphore inSleeper = new Semaphore(0);
        CountDownLatch release = new CountDownLatch(1);
        Sleeper blocking = duration -> {
            inSleeper.release();
            release.await(10, TimeUnit.SECONDS);
        };
        try (OktaSimulator busy = OktaSimulator.start(SimulatorOptions.defaults().withToken("test-token")
                .withConcurrencyLimit(2).withSleeper(blocking)
                .withFaults(FaultPlan.none().withLatency(Duration.ofSeconds(1))))) {
            OktaHttp busyHttp = new OktaHttp(busy);
            CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> busyHttp.get("/api/v1/users"));
            CompletableFuture<Answer> second = CompletableFuture.supplyAsync(() -> busyHttp.get("/api/v1/users"));
            assertThat(inSleeper.tryAcquire(2, 10, TimeUnit.SECONDS)).as("two requests in flight").isTrue();

            Answer third = busyHttp.get("/api/v1/users");
            release.countDown();

            assertThat(third.status()).isEqualTo(429);
            assertThat(third.errorCode()).isEqualTo("E0000047");
            assertThat(third.header("X-Rate-Limit-Limit")).isEqualTo("0");
            assertThat(third.header("X-Rate-Limit-Remaining")).isEqualTo("0");
            assertThat(third.header("X-Rate-Limit-Reset")).isNotBlank();
            assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(second.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(busy.counters().concurrencyRejected()).isEqualTo(1);
            assertThat(busy.counters().faults(Fault.LATENCY)).isEqualTo(2);
        }
    }
}
