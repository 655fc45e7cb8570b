package dev.oktaprov.template;

import java.util.ArrayList;
import java.util.List;

/** Every rule template-check enforces beyond cfn-lint, run together. */
final class TemplateChecks {

    static final List<TemplateCheck> ALL = List.of(
            new HandlerClassesCheck(),
            new StateTransitionsCheck(),
            new ErrorNamesCheck(),
            new AliasTargetsCheck(),
            new ApiAuthorizationCheck(),
            new QueueVisibilityCheck(),
            new ConcurrencyCheck(),
            new RecursiveLoopCheck(),
            new EnvironmentVariablesCheck(),
            new LeastPrivilegeCheck(),
            new RolePermissionsCheck());

    private TemplateChecks() {
    }

    static List<String> problems(TranslatedTemplate template) {
        List<String> problems = new ArrayList<>();
        for (TemplateCheck check : ALL) {
            for (String problem : check.problems(template)) {
                problems.add(check.getClass().getSimpleName() + ": " + problem);
            }
        }
        return problems;
    }
}
