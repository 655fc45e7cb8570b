package dev.oktaprov.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * In every state machine (and every Parallel branch and Map processor): StartAt and each Next,
 * Default, Choices[].Next and Catch[].Next name a state of the same scope; every state ends or
 * moves on; and every state is reachable from StartAt (an unreachable state is usually a renamed
 * one whose old name is still referenced somewhere else).
 */
final class StateTransitionsCheck implements TemplateCheck {

    private static final Set<String> TERMINAL_TYPES = Set.of("Succeed", "Fail");

    @Override
    public List<String> problems(TranslatedTemplate template) {
        List<String> problems = new ArrayList<>();
        for (StateMachineDefinition machine : StateMachineDefinition.readAll(template, problems)) {
            for (StateMachineDefinition.Scope scope : machine.scopes()) {
                checkScope(machine.logicalId() + ": " + scope.path(), scope.body(), problems);
            }
        }
        return problems;
    }

    private static void checkScope(String where, JsonNode scope, List<String> problems) {
        JsonNode states = scope.path("States");
        String startAt = scope.path("StartAt").asText("");
        if (!states.has(startAt)) {
            problems.add(where + "StartAt \"" + startAt + "\" is not a state");
        }
        states.fields().forEachRemaining(entry -> {
            String state = where + "States." + entry.getKey();
            JsonNode body = entry.getValue();
            for (Transition transition : transitions(body)) {
                if (!states.has(transition.target())) {
                    problems.add(state + "." + transition.field() + " \"" + transition.target() + "\" is not a state");
                }
            }
            String type = body.path("Type").asText("");
            boolean moves = body.has("Next") || body.path("End").asBoolean(false)
                    || "Choice".equals(type) || TERMINAL_TYPES.contains(type);
            if (!moves) {
                problems.add(state + " has neither Next nor \"End\": true");
            }
        });
        for (String unreachable : unreachable(states, startAt)) {
            problems.add(where + "States." + unreachable + " is unreachable from StartAt \"" + startAt + "\"");
        }
    }

    private record Transition(String field, String target) {
    }

    private static List<Transition> transitions(JsonNode state) {
        List<Transition> transitions = new ArrayList<>();
        if (state.has("Next")) {
            transitions.add(new Transition("Next", state.path("Next").asText()));
        }
        if (state.has("Default")) {
            transitions.add(new Transition("Default", state.path("Default").asText()));
        }
        JsonNode choices = state.path("Choices");
        for (int i = 0; i < choices.size(); i++) {
            transitions.add(new Transition("Choices[" + i + "].Next", choices.get(i).path("Next").asText()));
        }
        JsonNode catchers = state.path("Catch");
        for (int i = 0; i < catchers.size(); i++) {
            transitions.add(new Transition("Catch[" + i + "].Next", catchers.get(i).path("Next").asText()));
        }
        return transitions;
    }

    private static Set<String> unreachable(JsonNode states, String startAt) {
        Set<String> remaining = new LinkedHashSet<>();
        states.fieldNames().forEachRemaining(remaining::add);
        Deque<String> toVisit = new ArrayDeque<>(List.of(startAt));
        while (!toVisit.isEmpty()) {
            String name = toVisit.pop();
            if (remaining.remove(name)) {
                transitions(states.path(name)).forEach(transition -> toVisit.push(transition.target()));
            }
        }
        return remaining;
    }
}
