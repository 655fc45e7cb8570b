package dev.oktaprov.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every caller invokes a function through an alias: event source mappings, the permissions and
 * integrations of the HTTP API, and the state machines' Lambda tasks. SnapStart only restores
 * published versions; a caller of the bare function runs $LATEST and pays a full cold start.
 */
final class AliasTargetsCheck implements TemplateCheck {

    private static final Pattern INTEGRATION_FUNCTION = Pattern.compile("functions/\\$\\{([^}]+)}/invocations");

    @Override
    public List<String> problems(TranslatedTemplate template) {
        List<String> problems = new ArrayList<>();
        template.resourcesOfType("AWS::Lambda::EventSourceMapping").forEach((id, properties) ->
                requireAlias(template, id + ": FunctionName", properties.path("FunctionName"), problems));
        template.resourcesOfType("AWS::Lambda::Permission").forEach((id, properties) ->
                requireAlias(template, id + ": FunctionName", properties.path("FunctionName"), problems));
        template.resourcesOfType("AWS::ApiGatewayV2::Api").forEach((id, properties) ->
                checkHttpApiIntegrations(template, id, properties.path("Body"), problems));
        template.resourcesOfType("AWS::ApiGatewayV2::Integration").forEach((id, properties) ->
                checkIntegrationUri(template, id + ": IntegrationUri", properties.path("IntegrationUri"), problems));
        for (StateMachineDefinition machine : StateMachineDefinition.readAll(template, problems)) {
            for (StateMachineDefinition.LambdaTask task : machine.lambdaTasks()) {
                checkTask(template, machine, task, problems);
            }
        }
        return problems;
    }

    private static void checkTask(TranslatedTemplate template, StateMachineDefinition machine,
            StateMachineDefinition.LambdaTask task, List<String> problems) {
        String where = machine.logicalId() + ": " + task.path();
        Optional<JsonNode> substituted = machine.substitution(task.target());
        if (substituted.isEmpty()) {
            problems.add(where + " invokes " + task.target()
                    + ", not an alias of this template passed in through DefinitionSubstitutions");
            return;
        }
        boolean namesSomethingElse = TranslatedTemplate.referencedResource(substituted.get())
                .map(template::typeOf)
                .filter(type -> !type.equals(LambdaTargets.ALIAS) && !type.equals(LambdaTargets.FUNCTION))
                .isPresent();
        if (!namesSomethingElse) {
            requireAlias(template, where + " (" + task.target() + ")", substituted.get(), problems);
        }
    }

    private static void checkHttpApiIntegrations(TranslatedTemplate template, String apiId, JsonNode body,
            List<String> problems) {
        body.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            JsonNode integration = method.getValue().path("x-amazon-apigateway-integration");
            if (!integration.isMissingNode()) {
                checkIntegrationUri(template, apiId + ": " + method.getKey().toUpperCase() + " " + path.getKey(),
                        integration.path("uri"), problems);
            }
        }));
    }

    private static void checkIntegrationUri(TranslatedTemplate template, String where, JsonNode uri,
            List<String> problems) {
        JsonNode sub = uri.path("Fn::Sub");
        String text = sub.isArray() ? sub.path(0).asText("") : sub.asText(uri.asText(""));
        Matcher function = INTEGRATION_FUNCTION.matcher(text);
        if (!function.find()) {
            if (text.contains(":lambda:")) {
                problems.add(where + " integrates " + text + ", not an alias of this template");
            }
            return;
        }
        String variable = function.group(1);
        String logicalId = variable.endsWith(".Arn") ? variable.substring(0, variable.length() - 4) : variable;
        if (!LambdaTargets.ALIAS.equals(template.typeOf(logicalId))) {
            problems.add(where + " integrates ${" + variable + "}, which is not an AWS::Lambda::Alias");
        }
    }

    private static void requireAlias(TranslatedTemplate template, String where, JsonNode reference,
            List<String> problems) {
        Optional<String> referenced = TranslatedTemplate.refTarget(reference);
        if (referenced.isPresent() && LambdaTargets.ALIAS.equals(template.typeOf(referenced.get()))) {
            return;
        }
        String target = referenced.map(id -> id + " (" + template.typeOf(id) + ")").orElse(reference.toString());
        problems.add(where + " targets " + target + ", not an AWS::Lambda::Alias: callers would run $LATEST,"
                + " which SnapStart never restores");
    }
}
