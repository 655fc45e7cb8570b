package dev.oktaprov.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Amazon States Language definition of an AWS::StepFunctions::StateMachine, read from the
 * local file behind DefinitionS3Location (SAM's DefinitionUri) or from an inline Definition, with
 * its DefinitionSubstitutions.
 */
record StateMachineDefinition(String logicalId, JsonNode definition, JsonNode substitutions) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A state and where it sits: "States.CreateUser" or "States.Fanout.Branches[0].States.Step". */
    record State(String path, String name, JsonNode body) {
    }

    /**
     * A Task state that invokes Lambda: target is what names the function, as written in the
     * definition ("${CreateUserFunctionArn}", a literal ARN, or a JSONPath when it is dynamic).
     */
    record LambdaTask(String path, String target) {
    }

    /** A StartAt/States block: the top level, a Parallel branch or a Map's item processor. */
    record Scope(String path, JsonNode body) {
    }

    /** Every state machine in the template; a definition that cannot be read is a problem. */
    static List<StateMachineDefinition> readAll(TranslatedTemplate template, List<String> problems) {
        List<StateMachineDefinition> definitions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : template.resourcesOfType("AWS::StepFunctions::StateMachine").entrySet()) {
            read(template, entry.getKey(), entry.getValue(), problems)
                    .map(definition -> new StateMachineDefinition(entry.getKey(), definition,
                            entry.getValue().path("DefinitionSubstitutions")))
                    .ifPresent(definitions::add);
        }
        return definitions;
    }

    private static Optional<JsonNode> read(TranslatedTemplate template, String logicalId, JsonNode properties,
            List<String> problems) {
        if (properties.path("Definition").isObject()) {
            return Optional.of(properties.path("Definition"));
        }
        JsonNode location = properties.path("DefinitionS3Location");
        Optional<Path> file = template.localArtifact(location.path("Bucket").asText(""), location.path("Key").asText(""));
        if (file.isEmpty()) {
            problems.add(logicalId + ": definition is neither a local DefinitionUri file nor inline; cannot check it");
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(Files.readString(file.get())));
        } catch (IOException e) {
            problems.add(logicalId + ": cannot read definition " + file.get() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    List<Scope> scopes() {
        List<Scope> scopes = new ArrayList<>();
        collectScopes("", definition, scopes);
        return scopes;
    }

    List<State> states() {
        List<State> states = new ArrayList<>();
        for (Scope scope : scopes()) {
            scope.body().path("States").fields().forEachRemaining(entry -> states.add(new State(
                    scope.path() + "States." + entry.getKey(), entry.getKey(), entry.getValue())));
        }
        return states;
    }

    private static void collectScopes(String path, JsonNode scope, List<Scope> scopes) {
        scopes.add(new Scope(path, scope));
        scope.path("States").fields().forEachRemaining(entry -> {
            String statePath = path + "States." + entry.getKey() + ".";
            JsonNode state = entry.getValue();
            JsonNode branches = state.path("Branches");
            for (int i = 0; i < branches.size(); i++) {
                collectScopes(statePath + "Branches[" + i + "].", branches.get(i), scopes);
            }
            for (String processor : List.of("ItemProcessor", "Iterator")) {
                if (state.path(processor).isObject()) {
                    collectScopes(statePath + processor + ".", state.path(processor), scopes);
                }
            }
        });
    }

    /** Task states that invoke Lambda, through the optimised integration or a function ARN. */
    List<LambdaTask> lambdaTasks() {
        List<LambdaTask> tasks = new ArrayList<>();
        for (State state : states()) {
            String resource = state.body().path("Resource").asText("");
            if (!"Task".equals(state.body().path("Type").asText())) {
                continue;
            }
            if (resource.startsWith("arn:aws:states:::lambda:invoke")) {
                JsonNode arguments = state.body().has("Arguments") ? state.body().path("Arguments")
                        : state.body().path("Parameters");
                String target = arguments.has("FunctionName") ? arguments.path("FunctionName").asText()
                        : arguments.path("FunctionName.$").asText("(none)");
                tasks.add(new LambdaTask(state.path(), target));
            } else if (resource.contains(":lambda:") || resource.startsWith("${")) {
                tasks.add(new LambdaTask(state.path(), resource));
            }
        }
        return tasks;
    }

    /** "${Name}" to the template value DefinitionSubstitutions gives Name, if it is a substitution. */
    Optional<JsonNode> substitution(String value) {
        if (value.startsWith("${") && value.endsWith("}")) {
            JsonNode substituted = substitutions.path(value.substring(2, value.length() - 1));
            return substituted.isMissingNode() ? Optional.empty() : Optional.of(substituted);
        }
        return Optional.empty();
    }
}
