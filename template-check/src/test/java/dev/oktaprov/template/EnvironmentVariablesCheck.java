package dev.oktaprov.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Each function sets every environment variable its handler's code reads (RequiredEnvironment),
 * none is an empty literal, and none of the local-only variables (the Okta token) is deployed.
 */
final class EnvironmentVariablesCheck implements TemplateCheck {

    @Override
    public List<String> problems(TranslatedTemplate template) {
        List<String> problems = new ArrayList<>();
        template.resourcesOfType(LambdaTargets.FUNCTION).forEach((id, properties) -> {
            String handlerClass = properties.path("Handler").asText("").split("::", 2)[0];
            Set<String> required = RequiredEnvironment.BY_HANDLER_CLASS.get(handlerClass);
            JsonNode variables = properties.path("Environment").path("Variables");
            if (required == null) {
                problems.add(id + ": handler " + handlerClass + " has no entry in RequiredEnvironment;"
                        + " record the variables its code reads");
                return;
            }
            Set<String> missing = new TreeSet<>(required);
            variables.fieldNames().forEachRemaining(missing::remove);
            if (!missing.isEmpty()) {
                problems.add(id + ": environment lacks " + missing);
            }
            variables.fields().forEachRemaining(variable -> {
                if (variable.getValue().isTextual() && variable.getValue().asText().isBlank()) {
                    problems.add(id + ": environment variable " + variable.getKey() + " is empty");
                }
                if (RequiredEnvironment.NEVER_DEPLOYED.contains(variable.getKey())) {
                    problems.add(id + ": sets " + variable.getKey() + ", which is for local runs only;"
                            + " deployed functions read credentials from Secrets Manager");
                }
            });
        });
        return problems;
    }
}
