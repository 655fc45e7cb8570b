package dev.oktaprov.template;

import java.nio.file.Path;
import java.util.List;

/** `cfn-lint TEMPLATE`: exit code 0 means no errors, warnings or informational findings. */
final class CfnLint {

    private CfnLint() {
    }

    static ProcessResult lint(Path template) {
        return Processes.run(List.of(PythonTools.cfnLint().toString(), template.getFileName().toString()),
                template.toAbsolutePath().getParent());
    }
}
