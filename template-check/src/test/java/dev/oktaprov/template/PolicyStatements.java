package dev.oktaprov.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The IAM statements a template grants, with Fn::If alternatives expanded (either may be deployed). */
final class PolicyStatements {

    /** One statement and the resource (role or policy) that carries it. */
    record Statement(String owner, JsonNode body) {

        boolean allows() {
            return "Allow".equals(body.path("Effect").asText());
        }

        List<String> actions() {
            return texts(body.path("Action"));
        }

        /** The Resource entries, each still a template value (string, Ref, GetAtt, Sub, If). */
        List<JsonNode> resources() {
            JsonNode resource = body.path("Resource");
            List<JsonNode> resources = new ArrayList<>();
            if (resource.isArray()) {
                resource.forEach(resources::add);
            } else if (!resource.isMissingNode()) {
                resources.add(resource);
            }
            return resources;
        }

        /** Whether an Action entry (which may hold wildcards) covers this action, e.g. "sqs:SendMessage". */
        boolean grants(String action) {
            return allows() && actions().stream().anyMatch(granted -> matches(granted, action));
        }
    }

    private PolicyStatements() {
    }

    static List<Statement> all(TranslatedTemplate template) {
        List<Statement> statements = new ArrayList<>();
        template.resources().fields().forEachRemaining(entry -> {
            String type = entry.getValue().path("Type").asText();
            JsonNode properties = entry.getValue().path("Properties");
            if ("AWS::IAM::Role".equals(type)) {
                properties.path("Policies").forEach(policy ->
                        collect(entry.getKey(), policy.path("PolicyDocument").path("Statement"), statements));
            } else if ("AWS::IAM::Policy".equals(type) || "AWS::IAM::ManagedPolicy".equals(type)) {
                collect(entry.getKey(), properties.path("PolicyDocument").path("Statement"), statements);
            }
        });
        return statements;
    }

    /** Statements a role receives: its inline policies and AWS::IAM::Policy resources attached to it. */
    static List<Statement> ofRole(TranslatedTemplate template, String roleLogicalId) {
        List<Statement> statements = new ArrayList<>();
        template.propertiesOf(roleLogicalId).path("Policies").forEach(policy ->
                collect(roleLogicalId, policy.path("PolicyDocument").path("Statement"), statements));
        template.resourcesOfType("AWS::IAM::Policy").forEach((id, policy) -> {
            for (JsonNode role : policy.path("Roles")) {
                if (TranslatedTemplate.refTarget(role).filter(roleLogicalId::equals).isPresent()) {
                    collect(id, policy.path("PolicyDocument").path("Statement"), statements);
                }
            }
        });
        return statements;
    }

    /** The role logical id behind a function's Role: !GetAtt X.Arn. */
    static Optional<String> roleOf(TranslatedTemplate template, String functionLogicalId) {
        return TranslatedTemplate.getAttTarget(template.propertiesOf(functionLogicalId).path("Role"));
    }

    private static void collect(String owner, JsonNode statement, List<Statement> into) {
        if (statement.isArray()) {
            statement.forEach(each -> collect(owner, each, into));
        } else if (statement.has("Fn::If")) {
            JsonNode alternatives = statement.path("Fn::If");
            collect(owner, alternatives.path(1), into);
            collect(owner, alternatives.path(2), into);
        } else if (statement.isObject() && statement.has("Effect")) {
            into.add(new Statement(owner, statement));
        }
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(each -> texts.add(each.asText()));
        } else if (node.isTextual()) {
            texts.add(node.asText());
        }
        return texts;
    }

    private static boolean matches(String pattern, String action) {
        String regex = ("\\Q" + pattern.toLowerCase(Locale.ROOT) + "\\E").replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        return action.toLowerCase(Locale.ROOT).matches(regex);
    }
}
