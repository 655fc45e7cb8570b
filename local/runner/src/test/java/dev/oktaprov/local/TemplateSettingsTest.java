package dev.oktaprov.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.oktaprov.local.functions.FunctionSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local set mirrors template.yaml: when the template changes a timeout, a route, a queue setting
 * or a variable, this test names what TemplateSettings must follow. Short-form tags (!Ref) are read
 * as their argument; a !Ref to a parameter resolves to its default.
 */
class TemplateSettingsTest {

    private static JsonNode template;

    @BeforeAll
    static void readTemplate() throws IOException {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        template = new ObjectMapper(new YAMLFactory()).readTree(module.resolve("../../template.yaml").normalize().toFile());
    }

    @Test
    void everyFunctionHasTheTemplatesHandlerTimeoutAndMemory() {
        for (FunctionSpec spec : TemplateSettings.functions()) {
            JsonNode function = functionWithHandler(spec.handlerClass());
            assertThat(seconds(property(function, "Timeout"))).as(spec.name() + " Timeout").isEqualTo(spec.timeout().toSeconds());
            assertThat(property(function, "MemorySize").asInt()).as(spec.name() + " MemorySize").isEqualTo(spec.memoryMb());
        }
    }

    @Test
    void theRoutesAreTheTemplates() {
        Map<String, String> templateRoutes = new TreeMap<>();
        resources().forEachRemaining(resource -> {
            JsonNode properties = resource.getValue().path("Properties");
            properties.path("Events").forEach(event -> {
                if (event.path("Type").asText().equals("HttpApi")) {
                    templateRoutes.put(event.path("Properties").path("Method").asText() + " "
                            + event.path("Properties").path("Path").asText(), properties.path("Handler").asText());
                }
            });
        });
        Map<String, String> localRoutes = new TreeMap<>();
        TemplateSettings.ROUTES.forEach((key, spec) -> localRoutes.put(key, spec.handlerClass() + "::handleRequest"));

        assertThat(localRoutes).isEqualTo(templateRoutes);
    }

    @Test
    void theQueueAndItsEventSourceUseTheTemplatesDefaults() {
        JsonNode queue = template.path("Resources").path("OnboardingQueue").path("Properties");
        assertThat(queue.path("VisibilityTimeout").asLong()).isEqualTo(TemplateSettings.VISIBILITY_TIMEOUT_SECONDS);
        assertThat(resolve(queue.path("RedrivePolicy").path("maxReceiveCount")).asInt()).isEqualTo(TemplateSettings.MAX_RECEIVE_COUNT);

        JsonNode source = functionWithHandler(TemplateSettings.ONBOARDING.handlerClass())
                .path("Properties").path("Events").path("OnboardingQueue").path("Properties");
        assertThat(resolve(source.path("BatchSize")).asInt()).isEqualTo(TemplateSettings.BATCH_SIZE);
        assertThat(resolve(source.path("MaximumBatchingWindowInSeconds")).asLong())
                .isEqualTo(TemplateSettings.BATCHING_WINDOW_SECONDS);
        assertThat(resolve(source.path("ScalingConfig").path("MaximumConcurrency")).asInt())
                .isEqualTo(TemplateSettings.MAXIMUM_CONCURRENCY);
        assertThat(source.path("FunctionResponseTypes").toString()).contains("ReportBatchItemFailures");
        assertThat(functionWithHandler(TemplateSettings.ONBOARDING.handlerClass()).path("Properties").path("RecursiveLoop").asText())
                .as("RecursiveLoop, which the local event source mapping follows")
                .isEqualTo(TemplateSettings.ONBOARDING_RECURSIVE_LOOP);
    }

    @Test
    void theFunctionsGetTheTemplatesEnvironment() {
        Map<String, String> global = variables(template.path("Globals").path("Function").path("Environment").path("Variables"));
        // The org, its secret and the JVM flags are the runner's to decide locally; so is the
        // service name, the stack's name in the template.
        global.keySet().removeAll(Set.of("OKTA_ORG_URL", "OKTA_SECRET_ID", "JAVA_TOOL_OPTIONS", "POWERTOOLS_SERVICE_NAME"));
        Map<String, String> local = new HashMap<>(TemplateSettings.GLOBAL_ENVIRONMENT);
        local.remove("POWERTOOLS_SERVICE_NAME");
        assertThat(local).isEqualTo(global);

        Map<String, String> onboarding = variables(functionWithHandler(TemplateSettings.ONBOARDING.handlerClass())
                .path("Properties").path("Environment").path("Variables"));
        onboarding.remove("ONBOARDING_DLQ_URL");
        assertThat(TemplateSettings.ONBOARDING_ENVIRONMENT).isEqualTo(onboarding);
    }

    private static Map<String, String> variables(JsonNode node) {
        Map<String, String> variables = new HashMap<>();
        node.fields().forEachRemaining(field -> variables.put(field.getKey(), resolve(field.getValue()).asText()));
        return variables;
    }

    private static JsonNode functionWithHandler(String handlerClass) {
        for (Iterator<Map.Entry<String, JsonNode>> it = resources(); it.hasNext(); ) {
            JsonNode resource = it.next().getValue();
            if (resource.path("Properties").path("Handler").asText().equals(handlerClass + "::handleRequest")) {
                return resource;
            }
        }
        throw new AssertionError("template.yaml has no function with handler " + handlerClass);
    }

    private static Iterator<Map.Entry<String, JsonNode>> resources() {
        return template.path("Resources").fields();
    }

    /** The function's own property, else the Globals' one. */
    private static JsonNode property(JsonNode function, String name) {
        JsonNode own = function.path("Properties").path(name);
        return own.isMissingNode() ? template.path("Globals").path("Function").path(name) : own;
    }

    /** A parameter's name (what "!Ref Name" reads as) resolves to its default. */
    private static JsonNode resolve(JsonNode value) {
        JsonNode parameter = value.isTextual() ? template.path("Parameters").path(value.asText()) : null;
        return parameter != null && !parameter.isMissingNode() ? parameter.path("Default") : value;
    }

    private static long seconds(JsonNode value) {
        return resolve(value).asLong();
    }
}
