package dev.oktaprov.activateuser;

import static dev.oktaprov.functiontesting.FunctionHarness.answer;
import static dev.oktaprov.functiontesting.FunctionHarness.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.errors.FieldError;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.errors.NotFoundException;
import dev.oktaprov.errors.RateLimitedException;
import dev.oktaprov.errors.UserNotActivatableException;
import dev.oktaprov.functiontesting.FunctionHarness;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.LeakWatch;
import dev.oktaprov.entrypoints.InvocationContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The state machine's activation step, invoked with bytes as Lambda does, against the Okta simulator. */
class ActivateUserHandlerTest {

    /** The id in events/sfn-activate-user.json. */
    static final String HIRE_ID = "00ub0oNGTSWTBKOLGLNR";

    private static FunctionHarness harness;
    private ActivateUserHandler handler;

    @BeforeAll
    static void startOkta() {
        harness = new FunctionHarness(SimulatorOptions.defaults());
    }

    @AfterAll
    static void stopOkta() {
        harness.close();
    }

    @BeforeEach
    void fresh() {
        harness.reset();
        handler = new ActivateUserHandler(harness.runtime());
    }

    private void seedHire(String status, boolean password) {
        harness.okta.seedUsers(new SeedUser(HIRE_ID, Map.of("login", "ada@example.com", "email", "ada@example.com",
                "firstName", "Ada", "lastName", "Lovelace"), status, password, List.of(), null, null));
    }

    private JsonNode activate(Map<String, Object> input) {
        Map<String, Object> result = FunctionHarness.invoke(handler, input, InvocationContext.of("activate-user"));
        return FunctionHarness.json(FunctionHarness.lambdaJson(result));
    }

    private String status() {
        return harness.okta.findById(HIRE_ID).orElseThrow().status();
    }

    @Test
    void theSampleEventActivatesAStagedHireOnceAndThenFindsItActive() {
        seedHire("STAGED", false);

        JsonNode first = activate(event("sfn-activate-user.json"));
        JsonNode second = activate(event("sfn-activate-user.json"));

        assertThat(first.path("id").asText()).isEqualTo(HIRE_ID);
        assertThat(first.path("outcome").asText()).isEqualTo("ACTIVATED");
        assertThat(first.path("previousStatus").asText()).isEqualTo("STAGED");
        assertThat(second.path("outcome").asText()).isEqualTo("ALREADY_ACTIVE");
        assertThat(second.path("previousStatus").asText()).isEqualTo("PROVISIONED");
        assertThat(status()).as("no password: the activation email finishes it").isEqualTo("PROVISIONED");
        assertThat(harness.okta.counters().requests(RateLimitBucket.OTHER)).as("one activation request").isEqualTo(1);
    }

    @Test
    void aDeactivatedHireIsThrownForTheStateMachineToEndAsCancelled() {
        seedHire("DEPROVISIONED", false);

        UserNotActivatableException refused = catchThrowableOfType(UserNotActivatableException.class,
                () -> activate(event("sfn-activate-user.json")));

        assertThat(refused.status()).isEqualTo("DEPROVISIONED");
        assertThat(status()).isEqualTo("DEPROVISIONED");
    }

    @Test
    void aDeletedHireIsNotFound() {
        assertThat(catchThrowableOfType(NotFoundException.class, () -> activate(event("sfn-activate-user.json")))).isNotNull();
    }

    @Test
    void everyProblemWithTheInputAtOnceAndNothingSentToOkta() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", "me");
        input.put("sendEmail", "yes");
        input.put("activateAt", "2027-01-04T07:00:00Z");

        InvalidInputException invalid = catchThrowableOfType(InvalidInputException.class, () -> activate(input));

        assertThat(invalid.fieldErrors()).extracting(FieldError::field).containsExactlyInAnyOrder("activateAt", "id", "sendEmail");
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> activate(Map.of())).fieldErrors())
                .extracting(FieldError::field).containsExactly("id");
        // Half a surrogate pair would be sent as '?': the path would name another user.
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> activate(Map.of("id", "00u\uD800b"))).fieldErrors())
                .extracting(FieldError::field).containsExactly("id");
        assertThat(harness.okta.counters().totalRequests()).isZero();
    }

    @Test
    void withoutTheEmailTheActivationLinkOktaAnswersGoesNowhere() {
        seedHire("STAGED", false);
        try (LeakWatch watch = LeakWatch.start()) {
            JsonNode result = activate(Map.of("id", HIRE_ID, "sendEmail", false));

            watch.response("direct result", result.toString());
            assertThat(result.toString()).doesNotContain("welcome", "activationToken", "activationUrl");
            assertThat(watch.lines()).extracting(LeakWatch.Line::text).noneMatch(line -> line.contains("/welcome/"));
        }
        assertThat(status()).isEqualTo("PROVISIONED");
    }

    @Test
    void throttledWithNoTimeLeftIsRateLimitedForTheStateMachinesRetry() {
        seedHire("STAGED", true);
        harness.okta.seedUsers(SeedUser.of("other@example.com", "Other", "Hire").withStatus("STAGED"));
        harness.okta.setLimit(RateLimitBucket.OTHER, 1);
        String other = harness.okta.findByLogin("other@example.com").orElseThrow().id();
        activate(Map.of("id", other));

        RateLimitedException limited = catchThrowableOfType(RateLimitedException.class, () -> FunctionHarness.invoke(handler,
                event("sfn-activate-user.json"), InvocationContext.of("activate-user").withRemainingMillis(3_000)));

        assertThat(limited.retryAfterSeconds()).isPositive();
        assertThat(status()).isEqualTo("STAGED");
    }

    @Test
    void anHttpEventIsRefusedThereIsNoRoute() {
        FunctionHarness.Answer answer = answer(FunctionHarness.invoke(handler, event("apigw-get-user.json"),
                InvocationContext.of("activate-user")));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(harness.okta.counters().totalRequests()).isZero();
    }
}
