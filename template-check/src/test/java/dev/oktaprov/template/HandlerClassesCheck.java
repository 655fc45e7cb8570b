package dev.oktaprov.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every function's Handler names a class that is in its code (the jar at its CodeUri, or what
 * `sam build` made of it), implements RequestHandler or RequestStreamHandler, and has the named
 * public method. A typo here deploys fine and fails on the first invocation.
 */
final class HandlerClassesCheck implements TemplateCheck {

    private static final String DEFAULT_HANDLER_METHOD = "handleRequest";

    @Override
    public List<String> problems(TranslatedTemplate template) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> function : template.resourcesOfType("AWS::Lambda::Function").entrySet()) {
            String id = function.getKey();
            String handler = function.getValue().path("Handler").asText("");
            Optional<Path> code = template.functionCode(id);
            if (handler.isEmpty()) {
                problems.add(id + ": no Handler");
            } else if (code.isEmpty()) {
                problems.add(id + ": CodeUri is not local code, so its handler cannot be checked");
            } else if (!Files.exists(code.get())) {
                problems.add(id + ": no jar at CodeUri " + template.directory().relativize(code.get())
                        + " (build it first: mvn -B package -DskipTests)");
            } else {
                checkHandler(id, handler, code.get(), template, problems);
            }
        }
        return problems;
    }

    private static void checkHandler(String id, String handler, Path code, TranslatedTemplate template,
            List<String> problems) {
        String[] parts = handler.split("::", 2);
        String className = parts[0];
        String methodName = parts.length == 2 ? parts[1] : DEFAULT_HANDLER_METHOD;
        String where = " in " + template.directory().relativize(code);
        try (JarClasses classes = JarClasses.open(List.of(code))) {
            JarClasses.Lookup lookup = classes.find(className);
            if (lookup.type().isEmpty()) {
                problems.add(id + ": handler class " + className + " " + lookup.failure() + where);
                return;
            }
            Class<?> type = lookup.type().get();
            if (!classes.isLambdaHandler(type)) {
                problems.add(id + ": handler class " + className + where
                        + " implements neither RequestHandler nor RequestStreamHandler");
            }
            if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
                problems.add(id + ": handler class " + className + where + " is not a public concrete class");
            }
            if (!hasPublicNoArgumentConstructor(type)) {
                problems.add(id + ": handler class " + className + where
                        + " has no public no-argument constructor for Lambda to call");
            }
            if (!hasPublicMethod(type, methodName)) {
                problems.add(id + ": handler class " + className + where + " has no public method " + methodName);
            }
        }
    }

    private static boolean hasPublicMethod(Class<?> type, String name) {
        try {
            return Arrays.stream(type.getMethods()).map(Method::getName).anyMatch(name::equals);
        } catch (LinkageError e) {
            return false;
        }
    }

    private static boolean hasPublicNoArgumentConstructor(Class<?> type) {
        try {
            return Modifier.isPublic(type.getConstructor().getModifiers());
        } catch (NoSuchMethodException | LinkageError e) {
            return false;
        }
    }
}
