package dev.oktaprov.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * cfn-lint validates Amazon States Language only when the definition is inline in the template,
 * and ours is a separate file (DefinitionUri). So it is linted inside a throwaway template, with
 * every ${Substitution} standing for an alias ARN.
 */
final class StateMachineLint {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private StateMachineLint() {
    }

    static ProcessResult lint(Path definition, Path workingDirectory) {
        try {
            String asl = Files.readString(definition);
            ObjectNode template = JSON.createObjectNode().put("AWSTemplateFormatVersion", "2010-09-09");
            ObjectNode properties = template.putObject("Resources").putObject("StateMachine")
                    .put("Type", "AWS::StepFunctions::StateMachine")
                    .putObject("Properties")
                    .put("RoleArn", "arn:aws:iam::123456789012:role/state-machine");
            properties.set("Definition", JSON.readTree(asl));
            ObjectNode substitutions = properties.putObject("DefinitionSubstitutions");
            Matcher names = SUBSTITUTION.matcher(asl);
            while (names.find()) {
                substitutions.put(names.group(1),
                        "arn:aws:lambda:us-east-1:123456789012:function:" + names.group(1) + ":live");
            }
            Path wrapper = workingDirectory.resolve("state-machine-lint.json");
            Files.writeString(wrapper, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(template));
            return CfnLint.lint(wrapper);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
