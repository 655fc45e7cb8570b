package dev.oktaprov.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the benchmarks take from template.yaml rather than restate: the JVM flags
 * ({@code JAVA_TOOL_OPTIONS}), the functions' memory, and the plain (non-intrinsic) environment
 * variables of {@code Globals}. Read line by line: CloudFormation's {@code !Ref} tags are not YAML a
 * plain parser accepts, and only these few keys are needed.
 *
 * @param globalMemoryMb Globals.Function.MemorySize (the API functions)
 * @param onboardingMemoryMb the onboarding function's own MemorySize, or the global one
 * @param globalTimeoutSeconds Globals.Function.Timeout (the API functions)
 * @param onboardingTimeoutSeconds the onboarding function's own Timeout, or the global one
 */
public record TemplateFacts(String javaToolOptions, int globalMemoryMb, int onboardingMemoryMb,
        Map<String, String> plainEnvironment, int globalTimeoutSeconds, int onboardingTimeoutSeconds) {

    private static final Pattern KEY_VALUE = Pattern.compile("^(\\s*)([A-Za-z_][A-Za-z0-9_]*):\\s*(.*)$");

    public static TemplateFacts read(Path template) {
        List<String> lines;
        try {
            lines = Files.readAllLines(template);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String javaToolOptions = null;
        Integer globalMemory = null;
        Integer onboardingMemory = null;
        Integer globalTimeout = null;
        Integer onboardingTimeout = null;
        Map<String, String> environment = new LinkedHashMap<>();
        boolean inGlobals = false;
        boolean inGlobalVariables = false;
        int variablesIndent = -1;
        boolean inOnboarding = false;
        for (String raw : lines) {
            String line = stripComment(raw);
            if (line.isBlank()) {
                continue;
            }
            Matcher m = KEY_VALUE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int indent = m.group(1).length();
            String key = m.group(2);
            String value = unquote(m.group(3).strip());
            if (indent == 0) {
                inGlobals = key.equals("Globals");
                inGlobalVariables = false;
                inOnboarding = false;
                continue;
            }
            if (indent == 2 && !inGlobals) {
                inOnboarding = key.equals("OnboardingFunction");
            }
            if (inGlobals && key.equals("Variables")) {
                inGlobalVariables = true;
                variablesIndent = indent;
                continue;
            }
            if (inGlobalVariables && indent <= variablesIndent) {
                inGlobalVariables = false;
            }
            if (inGlobalVariables && !value.isEmpty() && !value.startsWith("!")) {
                environment.put(key, value);
                if (key.equals("JAVA_TOOL_OPTIONS")) {
                    javaToolOptions = value;
                }
            }
            if (key.equals("Timeout") && value.matches("\\d+")) {
                if (inGlobals) {
                    globalTimeout = Integer.valueOf(value);
                } else if (inOnboarding) {
                    onboardingTimeout = Integer.valueOf(value);
                }
            }
            if (key.equals("MemorySize") && value.matches("\\d+")) {
                if (inGlobals) {
                    globalMemory = Integer.valueOf(value);
                } else if (inOnboarding) {
                    onboardingMemory = Integer.valueOf(value);
                }
            }
        }
        if (javaToolOptions == null || globalMemory == null || globalTimeout == null) {
            throw new IllegalStateException(template + ": no Globals JAVA_TOOL_OPTIONS, MemorySize or Timeout found");
        }
        return new TemplateFacts(javaToolOptions, globalMemory, onboardingMemory == null ? globalMemory : onboardingMemory,
                Map.copyOf(environment), globalTimeout, onboardingTimeout == null ? globalTimeout : onboardingTimeout);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf(" #");
        String kept = line.strip().startsWith("#") ? "" : (hash >= 0 ? line.substring(0, hash) : line);
        return kept.replaceAll("\\s+$", "");
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
