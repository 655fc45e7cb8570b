package dev.oktaprov.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The onboarding workflow's design as the deployed definition states it: which state follows
 * which, the Wait on the start date, what every task retries, and that a hire cancelled before its
 * start date ends the execution successfully. Running it is local/runner's OnboardingWorkflowTest
 * (moto's interpreter, the real handlers).
 */
class OnboardingStateMachineTest {

    private static final String ERRORS = "dev.oktaprov.errors.";

    @TempDir
    static Path staging;

    private static JsonNode states;
    private static JsonNode substitutions;

    @BeforeAll
    static void read() {
        TranslatedTemplate template = Templates.repositoryWithStubJars(staging);
        List<String> problems = new ArrayList<>();
        StateMachineDefinition machine = StateMachineDefinition.readAll(template, problems).get(0);
        assertThat(problems).isEmpty();
        states = machine.definition().path("States");
        substitutions = machine.substitutions();
        assertThat(machine.definition().path("StartAt").asText()).isEqualTo("FormOrScheduledUser");
    }

    private static JsonNode state(String name) {
        JsonNode state = states.path(name);
        assertThat(state.isObject()).as(name + " is a state").isTrue();
        return state;
    }

    /** Every state and where it may go next: Next, Default, each Choice and each Catch. */
    private static Map<String, List<String>> transitions() {
        Map<String, List<String>> next = new TreeMap<>();
        states.fields().forEachRemaining(entry -> {
            List<String> targets = new ArrayList<>();
            JsonNode body = entry.getValue();
            body.path("Choices").forEach(choice -> targets.add(choice.path("Next").asText()));
            body.path("Catch").forEach(handler -> targets.add(handler.path("Next").asText()));
            for (String field : List.of("Default", "Next")) {
                if (body.has(field)) {
                    targets.add(body.path(field).asText());
                }
            }
            next.put(entry.getKey(), targets);
        });
        return next;
    }

    @Test
    void aHireIsCreatedThenWaitsOrIsActivatedAtOnceThenReadBack() {
        Map<String, List<String>> next = transitions();

        assertThat(next.get("FormOrScheduledUser")).containsExactly("WaitForStartDate", "CreateUser");
        assertThat(next.get("CreateUser")).containsExactly("NewHireInvalid", "LoginBelongsToAnotherUser", "StartDateAheadOrCome");
        assertThat(next.get("StartDateAheadOrCome"))
                .containsExactly("ExistingUserInactive", "WaitForStartDate", "ActivateUser", "ReadBackUser");
        assertThat(next.get("WaitForStartDate")).containsExactly("ActivateUser");
        assertThat(next.get("ActivateUser")).containsExactly("HireCancelled", "ReadBackUser");
        assertThat(next.get("ReadBackUser")).containsExactly("WhatWasDone");
        assertThat(next.get("WhatWasDone")).containsExactly("ActivatedOnStartDate", "Activated", "Onboarded");
        assertThat(List.of("ActivatedOnStartDate", "Activated", "Onboarded", "HireCancelled"))
                .allSatisfy(end -> assertThat(state(end).path("End").asBoolean()).as(end).isTrue());
    }

    @Test
    void theWaitIsUntilTheStartDatesActivationTimeTheCreateResultGives() {
        JsonNode wait = state("WaitForStartDate");

        assertThat(wait.path("Type").asText()).isEqualTo("Wait");
        assertThat(wait.path("TimestampPath").asText()).isEqualTo("$.activateAt");
        assertThat(wait.has("Seconds") || wait.has("Timestamp") || wait.has("SecondsPath")).isFalse();
        JsonNode ahead = state("StartDateAheadOrCome").path("Choices").get(1).path("And");
        assertThat(ahead.toString()).contains("\"$.waitsForStartDate\"").contains("\"BooleanEquals\":true");
        assertThat(state("CreateUser").path("OutputPath").asText()).as("the create result, not the form, goes on")
                .isEqualTo("$.Payload");
    }

    @Test
    void aHireDeactivatedOrDeletedBeforeItsStartDateEndsAsCancelledNotAsAFailure() {
        JsonNode handler = state("ActivateUser").path("Catch").get(0);

        assertThat(handler.path("ErrorEquals")).extracting(JsonNode::asText).containsExactly(
                ERRORS + "UserNotActivatableException", ERRORS + "NotFoundException");
        JsonNode cancelled = state(handler.path("Next").asText());
        assertThat(cancelled.path("Type").asText()).isIn("Pass", "Succeed");
        assertThat(cancelled.path("Parameters").path("outcome").asText()).isEqualTo("HIRE_CANCELLED");
        assertThat(state("ActivateUser").path("Retry").toString()).doesNotContain("UserNotActivatable", "NotFound");
    }

    @Test
    void everyTaskRetriesThrottlingOutagesAndLambdaAndInvokesItsOwnAlias() {
        Map<String, String> functions = Map.of("CreateUser", "CreateUserFunctionArn", "ActivateUser", "ActivateUserFunctionArn",
                "ReadBackUser", "GetUserFunctionArn");

        functions.forEach((task, substitution) -> {
            JsonNode state = state(task);
            assertThat(state.path("Parameters").path("FunctionName").asText()).isEqualTo("${" + substitution + "}");
            assertThat(substitutions.path(substitution).path("Ref").asText()).endsWith("FunctionAliaslive");
            assertThat(state.path("Retry").toString()).as(task).contains(ERRORS + "RateLimitedException",
                    ERRORS + "TransientUpstreamException", ERRORS + "SecretsUnavailableException", "Lambda.ServiceException");
        });
    }
}
