package dev.oktaprov.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every error name a state machine's Retry or Catch matches exists: a States.* or Lambda.* name
 * Step Functions defines, or a Throwable class in the jars of the functions it invokes (Java
 * exceptions reach Step Functions under their fully qualified class name). A misspelt name never
 * matches, so its Retry or Catch silently never happens.
 */
final class ErrorNamesCheck implements TemplateCheck {

    private static final Set<String> STEP_FUNCTIONS_ERRORS = Set.of(
            "States.ALL", "States.DataLimitExceeded", "States.ExceedToleratedFailureThreshold",
            "States.HeartbeatTimeout", "States.Http.Socket", "States.IntrinsicFailure",
            "States.ItemReaderFailed", "States.NoChoiceMatched", "States.ParameterPathFailure",
            "States.Permissions", "States.QueryEvaluationError", "States.ResultPathMatchFailure",
            "States.ResultWriterFailed", "States.Runtime", "States.TaskFailed", "States.Timeout",
            "States.BranchFailed");

    /** Errors of the Lambda service itself (not of the function's code) as Step Functions names them. */
    private static final Set<String> LAMBDA_SERVICE_ERRORS = Set.of(
            "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
            "Lambda.TooManyRequestsException", "Lambda.ClientExecutionTimeoutException",
            "Lambda.Unknown");

    @Override
    public List<String> problems(TranslatedTemplate template) {
        List<String> problems = new ArrayList<>();
        for (StateMachineDefinition machine : StateMachineDefinition.readAll(template, problems)) {
            List<Path> jars = jarsOfInvokedFunctions(template, machine);
            try (JarClasses classes = JarClasses.open(jars)) {
                for (StateMachineDefinition.State state : machine.states()) {
                    for (String field : List.of("Retry", "Catch")) {
                        JsonNode handlers = state.body().path(field);
                        for (int i = 0; i < handlers.size(); i++) {
                            for (JsonNode name : handlers.get(i).path("ErrorEquals")) {
                                unknownError(name.asText(), classes, jars).ifPresent(why -> problems.add(
                                        machine.logicalId() + ": " + state.path() + "." + field + " matches "
                                                + name.asText() + ", " + why));
                            }
                        }
                    }
                }
            }
        }
        return problems;
    }

    private static Optional<String> unknownError(String name, JarClasses classes, List<Path> jars) {
        if (name.startsWith("States.")) {
            return STEP_FUNCTIONS_ERRORS.contains(name) ? Optional.empty()
                    : Optional.of("which is not an error Step Functions defines");
        }
        if (name.startsWith("Lambda.")) {
            return LAMBDA_SERVICE_ERRORS.contains(name) ? Optional.empty()
                    : Optional.of("which is not a Lambda service error");
        }
        if (jars.isEmpty()) {
            return Optional.of("but no function jar was found to look the class up in");
        }
        JarClasses.Lookup lookup = classes.find(name);
        if (lookup.type().isEmpty()) {
            return Optional.of("a class that is " + lookup.failure() + " in " + jars);
        }
        if (!Throwable.class.isAssignableFrom(lookup.type().get())) {
            return Optional.of("a class that is not an exception");
        }
        return Optional.empty();
    }

    /** Jars of the functions the machine invokes, or of every function if it names none we can follow. */
    private static List<Path> jarsOfInvokedFunctions(TranslatedTemplate template, StateMachineDefinition machine) {
        Set<String> functions = new LinkedHashSet<>();
        for (StateMachineDefinition.LambdaTask task : machine.lambdaTasks()) {
            LambdaTargets.function(template, machine, task).ifPresent(functions::add);
        }
        if (functions.isEmpty()) {
            functions.addAll(template.resourcesOfType(LambdaTargets.FUNCTION).keySet());
        }
        return functions.stream()
                .flatMap(function -> template.functionCode(function).stream())
                .filter(Files::exists)
                .distinct()
                .toList();
    }
}
