package dev.oktaprov.simulator;

import static dev.oktaprov.simulator.OktaHttp.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktaprov.simulator.OktaHttp.Answer;
import dev.oktaprov.testsupport.MutableClock;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Injected 5xx, dropped connections, lost create answers and latency. */
class FaultsTest {

    private static final MutableClock CLOCK = MutableClock.at("2026-03-02T10:00:00.000Z");
    private static OktaSimulator okta;
    private static OktaHttp http;

    @BeforeAll
    static void start() {
        // The clock doubles as the sleeper: latency moves test time instead of sleeping.
        okta = OktaSimulator.start(SimulatorOptions.defaults().withToken("test-token").withClock(CLOCK).withSleeper(CLOCK::advance));
        http = new OktaHttp(okta);
    }

    @AfterAll
    static void stop() {
        okta.close();
    }

    @BeforeEach
    void fresh() {
        okta.reset();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ERROR_500, 500, E0000009", "ERROR_503, 503, E0000010", "ERROR_504, 504, E0000009"})
    void scriptedServerErrorsComeFirstThenNormalAnswers(Fault fault, int status, String errorCode) {
        okta.setFaults(FaultPlan.none().withNext(fault, fault));

        Answer first = http.get("/api/v1/users");
        Answer second = http.get("/api/v1/users");
        Answer third = http.get("/api/v1/users");

        assertThat(first.status()).isEqualTo(status);
        assertThat(first.errorCode()).isEqualTo(errorCode);
        assertThat(first.header("X-Rate-Limit-Remaining")).as("a 5xx still reports its bucket").isEqualTo("599");
        assertThat(second.status()).isEqualTo(status);
        assertThat(third.status()).isEqualTo(200);
        assertThat(okta.counters().faults(fault)).isEqualTo(2);
    }

    @Test
    void errorRateOneAnswersEveryRequestWithTheChosenStatus() {
        okta.setFaults(FaultPlan.none().withErrorRate(1.0).withErrorStatuses(504));

        Answer create = http.post("/api/v1/users", newUser("ada@example.com", "Ada", "Lovelace"));

        assertThat(create.status()).isEqualTo(504);
        assertThat(okta.userCount()).as("an injected error is not processed").isZero();
    }

    @Test
    void droppedConnectionGetsNoAnswerAtAll() {
        okta.setFaults(FaultPlan.none().withNext(Fault.DROP));

        // A POST: java.net.http silently retries a GET whose pooled connection was closed.
        assertThatThrownBy(() -> http.post("/api/v1/users", newUser("ada@example.com", "Ada", "Lovelace")))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(okta.userCount()).as("a dropped request is not processed").isZero();
        assertThat(http.post("/api/v1/users", newUser("ada@example.com", "Ada", "Lovelace")).status()).isEqualTo(200);
        assertThat(okta.counters().faults(Fault.DROP)).isEqualTo(1);
    }

    @Test
    void lostAnswerCreatesTheUserThenAnswers504AndTheRetryIsADuplicate() {
        okta.setFaults(FaultPlan.none().withNext(Fault.LOST_ANSWER));
        String body = newUser("ada@example.com", "Ada", "Lovelace");

        Answer unaffected = http.get("/api/v1/users");
        Answer lost = http.post("/api/v1/users", body);
        Answer retry = http.post("/api/v1/users", body);
        Answer lookup = http.get("/api/v1/users/ada%40example.com");

        assertThat(unaffected.status()).as("the fault waits for a create").isEqualTo(200);
        assertThat(lost.status()).isEqualTo(504);
        assertThat(retry.status()).isEqualTo(400);
        assertThat(retry.errorCauses()).containsExactly("login: An object with this field already exists in the current organization");
        assertThat(lookup.status()).isEqualTo(200);
        assertThat(okta.userCount()).isEqualTo(1);
        assertThat(okta.counters().usersCreated()).isEqualTo(1);
        assertThat(okta.counters().faults(Fault.LOST_ANSWER)).isEqualTo(1);
    }

    @Test
    void latencyGoesThroughTheSleeper() {
        okta.setFaults(FaultPlan.none().withLatency(Duration.ofMillis(250)));
        int before = CLOCK.advances().size();

        Answer answer = http.get("/api/v1/users");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(CLOCK.advances().subList(before, CLOCK.advances().size())).containsExactly(Duration.ofMillis(250));
    }

    @Test
    void randomFaultsRepeatForTheSameSeed() {
        FaultPlan halfFail = FaultPlan.none().withErrorRate(0.3).withDropRate(0.1);
        List<String> first = outcomes(halfFail);
        List<String> second = outcomes(halfFail);

        assertThat(first).isEqualTo(second);
        assertThat(first).contains("200", "500", "503", "504", "dropped");
    }

    private static List<String> outcomes(FaultPlan plan) {
        List<String> outcomes = new ArrayList<>();
        try (OktaSimulator seeded = OktaSimulator.start(SimulatorOptions.defaults().withRandomSeed(7).withFaults(plan))) {
            OktaHttp seededHttp = new OktaHttp(seeded);
            for (int i = 0; i < 30; i++) {
                try {
                    String login = "user" + i + "@example.com";
                    outcomes.add(Integer.toString(seededHttp.post("/api/v1/users", newUser(login, "Seeded", "User")).status()));
                } catch (UncheckedIOException e) {
                    outcomes.add("dropped");
                }
            }
        }
        return outcomes;
    }

    @Test
    void adminSurfaceIsNeverFaulted() {
        okta.setFaults(FaultPlan.none().withErrorRate(1.0));

        Answer counters = http.get("/__sim/counters");

        assertThat(counters.status()).isEqualTo(200);
    }
}
