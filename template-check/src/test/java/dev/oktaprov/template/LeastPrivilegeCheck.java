package dev.oktaprov.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * No IAM statement grants Secrets Manager, SQS or Step Functions actions on a wildcard resource (or
 * on everything but a NotResource), no statement grants all of one of them, and no role carries an
 * AWS managed policy that does (SAM's SQS event source attaches AWSLambdaSQSQueueExecutionRole, which covers
 * every queue in the account).
 */
final class LeastPrivilegeCheck implements TemplateCheck {

    private static final List<String> GUARDED_SERVICES = List.of("secretsmanager", "sqs", "states");

    private static final Set<String> BROAD_MANAGED_POLICIES = Set.of(
            "AWSLambdaSQSQueueExecutionRole", "AmazonSQSFullAccess", "AmazonSQSReadOnlyAccess",
            "SecretsManagerReadWrite", "AdministratorAccess", "PowerUserAccess");

    @Override
    public List<String> problems(TranslatedTemplate template) {
        List<String> problems = new ArrayList<>();
        for (PolicyStatements.Statement statement : PolicyStatements.all(template)) {
            if (!statement.allows()) {
                continue;
            }
            List<String> guarded = statement.actions().stream().filter(LeastPrivilegeCheck::touchesGuardedService).toList();
            if (guarded.isEmpty()) {
                continue;
            }
            String where = statement.owner() + ": statement granting " + guarded;
            if (guarded.stream().anyMatch(action -> action.equals("*") || action.endsWith(":*"))) {
                problems.add(where + " grants every action of the service");
            }
            if (statement.body().has("NotResource")) {
                problems.add(where + " uses NotResource, which grants every other resource");
            }
            for (JsonNode resource : statement.resources()) {
                if (isWildcard(resource)) {
                    problems.add(where + " has wildcard Resource " + resource);
                }
            }
        }
        template.resourcesOfType("AWS::IAM::Role").forEach((id, role) -> role.path("ManagedPolicyArns").forEach(arn -> {
            String text = arn.isTextual() ? arn.asText() : arn.toString();
            BROAD_MANAGED_POLICIES.stream()
                    .filter(name -> text.endsWith("/" + name) || text.contains("/" + name + "\""))
                    .forEach(name -> problems.add(id + ": managed policy " + name
                            + " grants SQS or Secrets Manager actions on every resource"));
        }));
        return problems;
    }

    private static boolean touchesGuardedService(String action) {
        String lower = action.toLowerCase(Locale.ROOT);
        return lower.equals("*") || GUARDED_SERVICES.stream().anyMatch(service -> lower.startsWith(service + ":"));
    }

    /** A literal containing "*", including inside Fn::Sub / Fn::Join text or either Fn::If branch. */
    private static boolean isWildcard(JsonNode resource) {
        if (resource.isTextual()) {
            return resource.asText().contains("*");
        }
        if (resource.has("Fn::Sub")) {
            JsonNode sub = resource.path("Fn::Sub");
            return (sub.isArray() ? sub.path(0) : sub).asText("").contains("*");
        }
        if (resource.has("Fn::Join")) {
            for (JsonNode part : resource.path("Fn::Join").path(1)) {
                if (isWildcard(part)) {
                    return true;
                }
            }
            return false;
        }
        if (resource.has("Fn::If")) {
            return isWildcard(resource.path("Fn::If").path(1)) || isWildcard(resource.path("Fn::If").path(2));
        }
        return false;
    }
}
