package dev.oktaprov.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Least privilege cuts both ways: each function's role grants what its configuration makes it do.
 * GetSecretValue on the very secret OKTA_SECRET_ID names, SendMessage on the queue
 * ONBOARDING_DLQ_URL names, StartExecution on the state machine ONBOARDING_STATE_MACHINE_ARN names,
 * and the polling actions on every queue that feeds it. A mismatch
 * deploys cleanly and fails with AccessDenied on the first message. Only statements written in the
 * template count: an AWS managed policy that happens to grant an action is itself too broad.
 */
final class RolePermissionsCheck implements TemplateCheck {

    static final List<String> QUEUE_POLLING_ACTIONS = List.of(
            "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes");

    @Override
    public List<String> problems(TranslatedTemplate template) {
        List<String> problems = new ArrayList<>();
        template.resourcesOfType(LambdaTargets.FUNCTION).forEach((function, properties) -> {
            Optional<String> role = PolicyStatements.roleOf(template, function);
            if (role.isEmpty()) {
                problems.add(function + ": Role is not a role of this template, so its permissions cannot be checked");
                return;
            }
            List<PolicyStatements.Statement> statements = PolicyStatements.ofRole(template, role.get());
            JsonNode variables = properties.path("Environment").path("Variables");
            if (variables.has("OKTA_SECRET_ID")) {
                require(function, role.get(), statements, "secretsmanager:GetSecretValue",
                        variables.path("OKTA_SECRET_ID"), "the secret OKTA_SECRET_ID names", problems);
            }
            TranslatedTemplate.refTarget(variables.path("ONBOARDING_DLQ_URL")).ifPresent(queue ->
                    require(function, role.get(), statements, "sqs:SendMessage", queueArn(queue),
                            "the queue ONBOARDING_DLQ_URL names", problems));
            if (variables.has("ONBOARDING_STATE_MACHINE_ARN")) {
                require(function, role.get(), statements, "states:StartExecution",
                        variables.path("ONBOARDING_STATE_MACHINE_ARN"), "the state machine ONBOARDING_STATE_MACHINE_ARN names",
                        problems);
            }
        });
        template.resourcesOfType("AWS::Lambda::EventSourceMapping").forEach((mapping, properties) -> {
            Optional<String> queue = TranslatedTemplate.getAttTarget(properties.path("EventSourceArn"))
                    .filter(source -> "AWS::SQS::Queue".equals(template.typeOf(source)));
            Optional<String> function = LambdaTargets.function(template, properties.path("FunctionName"));
            Optional<String> role = function.flatMap(id -> PolicyStatements.roleOf(template, id));
            if (queue.isPresent() && role.isPresent()) {
                List<PolicyStatements.Statement> statements = PolicyStatements.ofRole(template, role.get());
                for (String action : QUEUE_POLLING_ACTIONS) {
                    require(function.get(), role.get(), statements, action, properties.path("EventSourceArn"),
                            "its event source " + queue.get(), problems);
                }
            }
        });
        return problems;
    }

    private static void require(String function, String role, List<PolicyStatements.Statement> statements,
            String action, JsonNode resource, String what, List<String> problems) {
        boolean granted = statements.stream()
                .filter(statement -> statement.grants(action))
                .anyMatch(statement -> statement.resources().contains(resource));
        if (!granted) {
            problems.add(function + ": no statement of role " + role + " grants " + action + " on " + what + " "
                    + resource);
        }
    }

    private static JsonNode queueArn(String queueLogicalId) {
        ObjectNode arn = JsonNodeFactory.instance.objectNode();
        arn.putArray("Fn::GetAtt").add(queueLogicalId).add("Arn");
        return arn;
    }
}
