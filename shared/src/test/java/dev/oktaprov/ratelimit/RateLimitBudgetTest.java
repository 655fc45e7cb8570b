package dev.oktaprov.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktaprov.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimitBudgetTest {

    private static final String BUCKET = "POST /api/v1/users";
    private final MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");

    private RateLimitHeaders headers(long limit, long remaining, Instant reset, Instant serverDate) {
        return new RateLimitHeaders(limit, remaining, reset.getEpochSecond(), serverDate);
    }

    @Test
    void unknownBucketsAreNotThrottled() {
        assertThat(new RateLimitBudget(50, clock).reserve(BUCKET)).isZero();
    }

    @Test
    void parallelWorkersTogetherStayWithinTheShare() throws Exception {
        RateLimitBudget budget = new RateLimitBudget(50, clock);
        budget.record(BUCKET, headers(600, 600, clock.instant().plusSeconds(60), clock.instant()), clock.instant());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Duration>> tasks = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                tasks.add(() -> budget.reserve(BUCKET));
            }
            long granted = 0;
            for (Future<Duration> f : pool.invokeAll(tasks)) {
                if (f.get().isZero()) {
                    granted++;
                }
            }
            assertThat(granted).isEqualTo(300);
        } finally {
            pool.shutdownNow();
        }
        assertThat(budget.reserve(BUCKET)).isEqualTo(Duration.ofSeconds(61));
    }

    /**
     * The share of a limit that does not divide evenly is rounded down: spending it never takes more
     * than the share of Okta's bucket. Below one request a window, one: the request that learns a new
     * window's numbers goes out after every reset whatever the share.
     */
    @ParameterizedTest(name = "{1} % of {0} a window allows {2}")
    @CsvSource({
        "7, 50, 3",      // 3.5
        "10, 33, 3",     // 3.3
        "599, 50, 299",  // 299.5
        "601, 99, 594",  // 594.99
        "600, 50, 300",
        "600, 100, 600",
        "3, 33, 1",      // 0.99: less than one request
        "1, 50, 1",      // 0.5
        "99, 1, 1",      // 0.99
    })
    void theShareIsRoundedDownToWholeRequestsButNeverBelowOne(long limit, int sharePercent, long allowed) {
        RateLimitBudget budget = new RateLimitBudget(sharePercent, clock);
        budget.record(BUCKET, headers(limit, limit, clock.instant().plusSeconds(60), clock.instant()), clock.instant());

        long granted = 0;
        while (granted <= limit && budget.reserve(BUCKET).isZero()) {
            granted++;
        }

        assertThat(granted).as("requests granted in the window").isEqualTo(allowed);
        assertThat(budget.state(BUCKET)).get().extracting(RateLimitBudget.BucketState::allowed).isEqualTo(allowed);
        assertThat(budget.reserve(BUCKET)).as("the next waits for the reset").isEqualTo(Duration.ofSeconds(61));
    }

    @Test
    void requestsOthersSpentCountAgainstTheShareToo() {
        // Okta's Remaining counts every client of the org: 2 of 7 spent elsewhere leave this one 1 of its 3.
        RateLimitBudget budget = new RateLimitBudget(50, clock);
        budget.record(BUCKET, headers(7, 5, clock.instant().plusSeconds(60), clock.instant()), clock.instant());

        assertThat(budget.reserve(BUCKET)).isZero();
        assertThat(budget.reserve(BUCKET)).isEqualTo(Duration.ofSeconds(61));
    }

    @Test
    void waitIsMeasuredOnTheServersClock() {
        RateLimitBudget budget = new RateLimitBudget(100, clock);
        Instant server = Instant.parse("2026-01-05T12:00:00Z"); // two hours ahead of us
        budget.record(BUCKET, headers(10, 0, server.plusSeconds(9), server), clock.instant());

        assertThat(budget.reserve(BUCKET)).isEqualTo(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(9));
        assertThat(budget.reserve(BUCKET)).as("a new window").isZero();
    }

    @Test
    void lateAnswersFromTheSameWindowNeverRaiseTheCount() {
        RateLimitBudget budget = new RateLimitBudget(100, clock);
        Instant reset = clock.instant().plusSeconds(30);
        budget.record(BUCKET, headers(100, 40, reset, clock.instant()), clock.instant());
        budget.record(BUCKET, headers(100, 55, reset, clock.instant()), clock.instant());

        assertThat(budget.state(BUCKET)).get().extracting(RateLimitBudget.BucketState::remaining).isEqualTo(40L);
    }

    @Test
    void tooManyRequestsWaitsOneSecondPastTheReset() {
        RateLimitBudget budget = new RateLimitBudget(100, clock);
        Instant server = Instant.parse("2026-01-05T09:00:00Z");

        assertThat(budget.waitAfterTooManyRequests(BUCKET, headers(600, 0, server.plusSeconds(17), server), clock.instant()))
                .contains(Duration.ofSeconds(18));
        assertThat(budget.waitAfterTooManyRequests(BUCKET, headers(600, 0, server.minusSeconds(5), server), clock.instant()))
                .as("a reset already past still waits a second").contains(Duration.ofSeconds(1));
        assertThat(budget.waitAfterTooManyRequests(BUCKET, new RateLimitHeaders(0L, 0L, 99L, server), clock.instant()))
                .as("concurrency limit").isEmpty();
    }

    @Test
    void headersAreReadFromStrings() {
        RateLimitHeaders h = RateLimitHeaders.from(name -> java.util.Optional.ofNullable(switch (name) {
            case "X-Rate-Limit-Limit" -> "600";
            case "X-Rate-Limit-Remaining" -> " 12 ";
            case "X-Rate-Limit-Reset" -> "1767607217";
            case "Date" -> "Mon, 05 Jan 2026 10:00:00 GMT";
            default -> null;
        }));

        assertThat(h).isEqualTo(new RateLimitHeaders(600L, 12L, 1767607217L, Instant.parse("2026-01-05T10:00:00Z")));
        assertThat(RateLimitHeaders.from(name -> java.util.Optional.of("garbage"))).isEqualTo(RateLimitHeaders.NONE);
    }

    @Test
    void aShareOutside1To100PercentIsRefused() {
        assertThatThrownBy(() -> new RateLimitBudget(0, clock)).hasMessage("sharePercent must be 1-100, was 0");
        assertThatThrownBy(() -> new RateLimitBudget(101, clock)).hasMessage("sharePercent must be 1-100, was 101");
        assertThatCode(() -> new RateLimitBudget(1, clock)).doesNotThrowAnyException();
        assertThatCode(() -> new RateLimitBudget(100, clock)).doesNotThrowAnyException();
    }

    @Test
    void aLaterWindowReplacesTheBucketWhateverItsCount() {
        RateLimitBudget budget = new RateLimitBudget(100, clock);
        Instant reset = clock.instant().plusSeconds(30);
        budget.record(BUCKET, headers(10, 0, reset, clock.instant()), clock.instant());
        budget.record(BUCKET, headers(12, 11, reset.plusSeconds(60), clock.instant()), clock.instant());

        assertThat(budget.state(BUCKET)).get().satisfies(state -> {
            assertThat(state.limit()).isEqualTo(12);
            assertThat(state.remaining()).isEqualTo(11);
            assertThat(state.resetsAt()).isEqualTo(reset.plusSeconds(60));
        });
    }

    @Test
    void aLateAnswerFromAnEarlierWindowChangesNothing() {
        RateLimitBudget budget = new RateLimitBudget(100, clock);
        Instant reset = clock.instant().plusSeconds(30);
        budget.record(BUCKET, headers(10, 8, reset, clock.instant()), clock.instant());
        budget.record(BUCKET, headers(20, 1, reset.minusSeconds(60), clock.instant()), clock.instant());

        assertThat(budget.state(BUCKET)).get().satisfies(state -> {
            assertThat(state.limit()).isEqualTo(10);
            assertThat(state.remaining()).isEqualTo(8);
        });
    }

    @Test
    void aNewLimitWithinTheWindowIsTakenAndTheLowestCountKept() {
        RateLimitBudget budget = new RateLimitBudget(100, clock);
        Instant reset = clock.instant().plusSeconds(30);
        budget.record(BUCKET, headers(10, 4, reset, clock.instant()), clock.instant());
        budget.record(BUCKET, headers(20, 6, reset, clock.instant()), clock.instant());

        assertThat(budget.state(BUCKET)).get().satisfies(state -> {
            assertThat(state.limit()).isEqualTo(20);
            assertThat(state.remaining()).isEqualTo(4);
            assertThat(state.allowed()).isEqualTo(20);
        });
    }

    @Test
    void answersWithoutABucketAreIgnored() {
        RateLimitBudget budget = new RateLimitBudget(100, clock);
        budget.record(BUCKET, RateLimitHeaders.NONE, clock.instant());
        budget.record(BUCKET, new RateLimitHeaders(0L, 0L, clock.instant().plusSeconds(30).getEpochSecond(), null), clock.instant());

        assertThat(budget.state(BUCKET)).isEmpty();
        assertThat(budget.reserve(BUCKET)).isZero();
    }

    @Test
    void withoutADateTheResetIsMeasuredFromTheAnswersArrival() {
        RateLimitBudget budget = new RateLimitBudget(100, clock);
        Instant received = clock.instant();
        budget.record(BUCKET, new RateLimitHeaders(10L, 0L, received.plusSeconds(20).getEpochSecond(), null), received);

        assertThat(budget.reserve(BUCKET)).isEqualTo(Duration.ofSeconds(21));
    }

    @Test
    void after429WithABucketTheBucketIsSpentUntilItsReset() {
        RateLimitBudget budget = new RateLimitBudget(100, clock);
        Instant reset = clock.instant().plusSeconds(40);

        assertThat(budget.waitAfterTooManyRequests(BUCKET, headers(600, 0, reset, clock.instant()), clock.instant()))
                .contains(Duration.ofSeconds(41));
        assertThat(budget.state(BUCKET)).get().satisfies(state -> {
            assertThat(state.limit()).isEqualTo(600);
            assertThat(state.remaining()).isZero();
        });
        assertThat(budget.reserve(BUCKET)).isEqualTo(Duration.ofSeconds(41));
    }

    @Test
    void a429WithoutLimitOrResetLeavesNoBucketBehind() {
        RateLimitBudget budget = new RateLimitBudget(100, clock);
        Instant reset = clock.instant().plusSeconds(40);

        assertThat(budget.waitAfterTooManyRequests(BUCKET, new RateLimitHeaders(null, null, reset.getEpochSecond(), clock.instant()),
                clock.instant())).as("no limit: the reset still tells the wait").contains(Duration.ofSeconds(41));
        assertThat(budget.waitAfterTooManyRequests(BUCKET, new RateLimitHeaders(600L, 0L, null, clock.instant()), clock.instant()))
                .as("no reset: the caller backs off instead").isEmpty();
        assertThat(budget.state(BUCKET)).isEmpty();
    }
}
