package dev.oktaprov.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Which AWS::Lambda::Function a caller's function reference ends up at, through an alias or not. */
final class LambdaTargets {

    static final String ALIAS = "AWS::Lambda::Alias";
    static final String FUNCTION = "AWS::Lambda::Function";

    private LambdaTargets() {
    }

    /** The function behind a Ref/GetAtt to a function or an alias; empty for anything else. */
    static Optional<String> function(TranslatedTemplate template, JsonNode reference) {
        return TranslatedTemplate.referencedResource(reference).flatMap(id -> switch (template.typeOf(id)) {
            case FUNCTION -> Optional.of(id);
            case ALIAS -> template.functionOfAlias(id);
            default -> Optional.empty();
        });
    }

    /** The function a state machine task invokes, when the definition names it by substitution. */
    static Optional<String> function(TranslatedTemplate template, StateMachineDefinition machine,
            StateMachineDefinition.LambdaTask task) {
        return machine.substitution(task.target()).flatMap(value -> function(template, value));
    }
}
