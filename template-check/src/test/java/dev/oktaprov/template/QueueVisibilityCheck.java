package dev.oktaprov.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An SQS queue that feeds a function keeps a message invisible for at least six times the
 * function's timeout (AWS's rule for Lambda event sources): otherwise a batch that is retried after
 * throttling is delivered again while it is still being worked on. cfn-lint does not check it.
 */
final class QueueVisibilityCheck implements TemplateCheck {

    static final int TIMEOUT_MULTIPLE = 6;
    private static final long SQS_DEFAULT_VISIBILITY_SECONDS = 30;
    private static final long LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;

    @Override
    public List<String> problems(TranslatedTemplate template) {
        List<String> problems = new ArrayList<>();
        template.resourcesOfType("AWS::Lambda::EventSourceMapping").forEach((id, mapping) -> {
            Optional<String> queue = TranslatedTemplate.getAttTarget(mapping.path("EventSourceArn"))
                    .filter(source -> "AWS::SQS::Queue".equals(template.typeOf(source)));
            Optional<String> function = LambdaTargets.function(template, mapping.path("FunctionName"));
            if (queue.isPresent() && function.isPresent()) {
                check(template, id, queue.get(), function.get(), problems);
            }
        });
        return problems;
    }

    private static void check(TranslatedTemplate template, String mappingId, String queue, String function,
            List<String> problems) {
        Optional<NumberRange> visibility = seconds(template, template.propertiesOf(queue).path("VisibilityTimeout"),
                SQS_DEFAULT_VISIBILITY_SECONDS);
        Optional<NumberRange> timeout = seconds(template, template.propertiesOf(function).path("Timeout"),
                LAMBDA_DEFAULT_TIMEOUT_SECONDS);
        if (visibility.isEmpty() || timeout.isEmpty()) {
            problems.add(mappingId + ": cannot work out " + queue + "'s VisibilityTimeout or " + function
                    + "'s Timeout (use numbers or Number parameters)");
            return;
        }
        long required = TIMEOUT_MULTIPLE * timeout.get().max();
        if (visibility.get().min() < required) {
            problems.add(mappingId + ": " + queue + " VisibilityTimeout " + visibility.get() + " s is less than "
                    + TIMEOUT_MULTIPLE + " x " + function + " Timeout " + timeout.get() + " s = " + required + " s");
        }
    }

    private static Optional<NumberRange> seconds(TranslatedTemplate template, JsonNode value, long whenAbsent) {
        return value.isMissingNode() ? Optional.of(NumberRange.exactly(whenAbsent)) : template.numberRange(value);
    }
}
