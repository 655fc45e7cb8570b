package dev.oktaprov.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An SQS event source's ScalingConfig.MaximumConcurrency is at most the target function's
 * ReservedConcurrentExecutions. Reserved concurrency alone lets the poller invoke more copies
 * than may run; each throttled batch counts as a receive, and valid messages reach the DLQ.
 */
final class ConcurrencyCheck implements TemplateCheck {

    @Override
    public List<String> problems(TranslatedTemplate template) {
        List<String> problems = new ArrayList<>();
        template.resourcesOfType("AWS::Lambda::EventSourceMapping").forEach((id, mapping) -> {
            boolean fromQueue = TranslatedTemplate.getAttTarget(mapping.path("EventSourceArn"))
                    .filter(source -> "AWS::SQS::Queue".equals(template.typeOf(source)))
                    .isPresent();
            Optional<String> function = LambdaTargets.function(template, mapping.path("FunctionName"));
            if (fromQueue && function.isPresent()) {
                check(template, id, mapping.path("ScalingConfig").path("MaximumConcurrency"), function.get(), problems);
            }
        });
        return problems;
    }

    private static void check(TranslatedTemplate template, String mappingId, JsonNode maximumConcurrency,
            String function, List<String> problems) {
        JsonNode reserved = template.propertiesOf(function).path("ReservedConcurrentExecutions");
        if (maximumConcurrency.isMissingNode()) {
            problems.add(mappingId + ": no ScalingConfig.MaximumConcurrency; the poller may invoke " + function
                    + " more often than its concurrency allows");
            return;
        }
        if (reserved.isMissingNode()) {
            problems.add(mappingId + ": " + function + " has no ReservedConcurrentExecutions to bound"
                    + " MaximumConcurrency " + maximumConcurrency);
            return;
        }
        if (maximumConcurrency.equals(reserved)) {
            return;
        }
        Optional<NumberRange> polled = template.numberRange(maximumConcurrency);
        Optional<NumberRange> allowed = template.numberRange(reserved);
        if (polled.isEmpty() || allowed.isEmpty()) {
            problems.add(mappingId + ": cannot compare MaximumConcurrency " + maximumConcurrency + " with " + function
                    + "'s ReservedConcurrentExecutions " + reserved);
        } else if (polled.get().max() > allowed.get().min()) {
            problems.add(mappingId + ": MaximumConcurrency " + polled.get() + " can exceed " + function
                    + "'s ReservedConcurrentExecutions " + allowed.get());
        }
    }
}
