package dev.oktaprov.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A function that may send messages to the SQS queue that invokes it runs in a loop Lambda detects
 * (the trace header the AWS SDK propagates counts the hops): unless its {@code RecursiveLoop} is
 * {@code Allow}, Lambda stops the chain after 16 invocations and drops the message. Deploying such a
 * function without {@code Allow} loses exactly the messages it meant to retry later. cfn-lint cannot
 * see the loop: it spans the event source mapping and the function's role.
 */
final class RecursiveLoopCheck implements TemplateCheck {

    static final String ALLOW = "Allow";

    @Override
    public List<String> problems(TranslatedTemplate template) {
        List<String> problems = new ArrayList<>();
        template.resourcesOfType("AWS::Lambda::EventSourceMapping").forEach((mapping, properties) -> {
            JsonNode source = properties.path("EventSourceArn");
            Optional<String> queue = TranslatedTemplate.getAttTarget(source)
                    .filter(id -> "AWS::SQS::Queue".equals(template.typeOf(id)));
            Optional<String> function = LambdaTargets.function(template, properties.path("FunctionName"));
            if (queue.isEmpty() || function.isEmpty()) {
                return;
            }
            String recursiveLoop = template.propertiesOf(function.get()).path("RecursiveLoop").asText("Terminate");
            if (!ALLOW.equals(recursiveLoop) && maySendTo(template, function.get(), source)) {
                problems.add(mapping + ": " + function.get() + " may send to " + queue.get()
                        + ", the queue that invokes it (its role grants sqs:SendMessage on it), but its RecursiveLoop is "
                        + recursiveLoop + ": Lambda stops such a chain after 16 invocations and drops the message;"
                        + " set RecursiveLoop: Allow and bound the loop in the function");
            }
        });
        return problems;
    }

    private static boolean maySendTo(TranslatedTemplate template, String function, JsonNode queueArn) {
        return PolicyStatements.roleOf(template, function)
                .map(role -> PolicyStatements.ofRole(template, role).stream()
                        .filter(statement -> statement.grants("sqs:SendMessage"))
                        .anyMatch(statement -> statement.resources().stream()
                                .anyMatch(resource -> resource.equals(queueArn) || "*".equals(resource.asText()))))
                .orElse(false);
    }
}
