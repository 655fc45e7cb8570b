package dev.oktaprov.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every metric an alarm watches or a dashboard shows is one something emits: the functions' own
 * (a name their code emits, in the namespace and under the Service dimension the functions are
 * given) or an AWS service's ({@link AwsMetrics}: a metric it publishes, under a dimension set it
 * publishes it with, naming a resource of this template). A dashboard's log queries read the
 * functions' log groups and its alarm widgets list this template's alarms. A misspelt name or
 * dimension gives an empty graph and an alarm that never fires.
 */
final class MetricReferencesCheck implements TemplateCheck {

    /** The dimension Powertools puts every metric under, valued POWERTOOLS_SERVICE_NAME. */
    static final String SERVICE_DIMENSION = "Service";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SOURCE = Pattern.compile("SOURCE '([^']+)'");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9]+)(?:\\.([A-Za-z0-9.]+))?}");

    private final Set<String> emitted;

    /** @param emitted the metric names the functions' code emits ({@link EmittedMetrics}) */
    MetricReferencesCheck(Set<String> emitted) {
        this.emitted = Collections.unmodifiableSortedSet(new TreeSet<>(emitted));
    }

    record Reference(String where, String namespace, String metric, Map<String, String> dimensions) {
    }

    @Override
    public List<String> problems(TranslatedTemplate template) {
        List<String> problems = new ArrayList<>();
        Set<String> namespaces = functionVariable(template, "POWERTOOLS_METRICS_NAMESPACE");
        Set<String> services = functionVariable(template, "POWERTOOLS_SERVICE_NAME");
        if (namespaces.size() != 1 || services.size() != 1) {
            problems.add("the functions emit under namespaces " + namespaces + " and services " + services
                    + ": one alarm or graph cannot watch them all");
            return problems;
        }
        for (Reference reference : references(template, problems)) {
            problems.addAll(problems(template, reference, namespaces.iterator().next(), services.iterator().next()));
        }
        return problems;
    }

    /** Every metric the template's alarms and dashboards refer to; what cannot be read goes to {@code problems}. */
    static List<Reference> references(TranslatedTemplate template, List<String> problems) {
        List<Reference> references = new ArrayList<>(alarmReferences(template));
        template.resourcesOfType("AWS::CloudWatch::Dashboard").forEach((id, dashboard) ->
                references.addAll(dashboardReferences(template, id, dashboard, problems)));
        return references;
    }

    private List<String> problems(TranslatedTemplate template, Reference reference, String ownNamespace, String service) {
        String what = reference.where() + ": " + reference.namespace() + " " + reference.metric();
        if (reference.namespace().equals(ownNamespace)) {
            List<String> problems = new ArrayList<>();
            if (!emitted.contains(reference.metric())) {
                problems.add(what + " is not a metric the functions emit " + emitted);
            }
            if (!reference.dimensions().equals(Map.of(SERVICE_DIMENSION, service))) {
                problems.add(what + " has dimensions " + reference.dimensions() + "; the functions emit it under "
                        + Map.of(SERVICE_DIMENSION, service));
            }
            return problems;
        }
        Optional<AwsMetrics.Namespace> aws = AwsMetrics.namespace(reference.namespace());
        if (aws.isEmpty()) {
            return List.of(what + ": nothing in this template emits namespace " + reference.namespace());
        }
        List<String> problems = new ArrayList<>();
        if (!aws.get().metrics().contains(reference.metric())) {
            problems.add(what + " is not a metric " + reference.namespace() + " publishes");
        }
        if (!aws.get().dimensionSets().contains(reference.dimensions().keySet())) {
            problems.add(what + " has dimensions " + reference.dimensions().keySet() + "; it is published under "
                    + aws.get().dimensionSets());
        }
        reference.dimensions().forEach((name, value) -> {
            AwsMetrics.Dimension expected = aws.get().dimensions().get(name);
            if (expected != null && !names(template, value, expected)) {
                problems.add(what + " dimension " + name + " is " + value + ", not "
                        + (expected.attribute().isEmpty() ? "a Ref" : "the " + expected.attribute()) + " of an "
                        + expected.resourceType() + " of this template");
            }
        });
        return problems;
    }

    /** Whether {@code token} ("${Id}" or "${Id.Attribute}") names a resource of the expected type and attribute. */
    private static boolean names(TranslatedTemplate template, String token, AwsMetrics.Dimension expected) {
        Matcher reference = REFERENCE.matcher(token);
        if (!reference.matches()) {
            return false;
        }
        String attribute = reference.group(2) == null ? "" : reference.group(2);
        return template.typeOf(reference.group(1)).equals(expected.resourceType()) && attribute.equals(expected.attribute());
    }

    private static List<Reference> alarmReferences(TranslatedTemplate template) {
        List<Reference> references = new ArrayList<>();
        template.resourcesOfType("AWS::CloudWatch::Alarm").forEach((id, alarm) -> {
            if (alarm.has("MetricName")) {
                references.add(new Reference(id, alarm.path("Namespace").asText(), alarm.path("MetricName").asText(),
                        dimensions(alarm.path("Dimensions"))));
            }
            for (JsonNode query : alarm.path("Metrics")) {
                JsonNode metric = query.path("MetricStat").path("Metric");
                if (!metric.isMissingNode()) {
                    references.add(new Reference(id + "." + query.path("Id").asText(), metric.path("Namespace").asText(),
                            metric.path("MetricName").asText(), dimensions(metric.path("Dimensions"))));
                }
            }
        });
        return references;
    }

    private static Map<String, String> dimensions(JsonNode list) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        list.forEach(dimension -> dimensions.put(dimension.path("Name").asText(), token(dimension.path("Value"))));
        return dimensions;
    }

    private static List<Reference> dashboardReferences(TranslatedTemplate template, String id, JsonNode dashboard,
            List<String> problems) {
        JsonNode body;
        try {
            body = JSON.readTree(token(dashboard.path("DashboardBody")));
        } catch (IOException e) {
            problems.add(id + ": DashboardBody is not JSON: " + e.getMessage());
            return List.of();
        }
        List<Reference> references = new ArrayList<>();
        Set<String> logGroups = functionLogGroups(template);
        for (JsonNode widget : body.path("widgets")) {
            JsonNode properties = widget.path("properties");
            String where = id + " \"" + properties.path("title").asText() + "\"";
            switch (widget.path("type").asText()) {
                case "metric" -> references.addAll(widgetMetrics(where, properties.path("metrics"), problems));
                case "log" -> {
                    Matcher source = SOURCE.matcher(properties.path("query").asText());
                    while (source.find()) {
                        if (!logGroups.contains(source.group(1))) {
                            problems.add(where + " queries " + source.group(1) + ", not a function's log group " + logGroups);
                        }
                    }
                }
                case "alarm" -> properties.path("alarms").forEach(alarm -> {
                    Matcher reference = REFERENCE.matcher(alarm.asText());
                    if (!reference.matches() || !"Arn".equals(reference.group(2))
                            || !template.typeOf(reference.group(1)).equals("AWS::CloudWatch::Alarm")) {
                        problems.add(where + " lists " + alarm.asText() + ", not the Arn of an alarm of this template");
                    }
                });
                default -> { }
            }
        }
        return references;
    }

    /** A metric widget's metrics: [namespace, name, dimension, value, ..., {options}], "." repeating the line above. */
    private static List<Reference> widgetMetrics(String where, JsonNode metrics, List<String> problems) {
        List<Reference> references = new ArrayList<>();
        List<String> previous = List.of();
        for (JsonNode line : metrics) {
            List<String> fields = new ArrayList<>();
            for (JsonNode field : line) {
                if (field.isTextual()) {
                    fields.add(field.asText().equals(".") && fields.size() < previous.size() ? previous.get(fields.size()) : field.asText());
                }
            }
            if (fields.isEmpty()) {
                continue; // a math expression: its inputs are lines of their own
            }
            if (fields.contains("...") || fields.size() % 2 != 0) {
                problems.add(where + ": metric " + fields + " is not [namespace, name, dimension, value, ...]");
                previous = fields;
                continue;
            }
            Map<String, String> dimensions = new LinkedHashMap<>();
            for (int i = 2; i < fields.size(); i += 2) {
                dimensions.put(fields.get(i), fields.get(i + 1));
            }
            references.add(new Reference(where, fields.get(0), fields.get(1), dimensions));
            previous = fields;
        }
        return references;
    }

    /** The LogGroupName (as written, ${AWS::StackName} and all) of every log group a function logs to. */
    private static Set<String> functionLogGroups(TranslatedTemplate template) {
        Set<String> names = new LinkedHashSet<>();
        template.resourcesOfType(LambdaTargets.FUNCTION).values().forEach(function ->
                TranslatedTemplate.refTarget(function.path("LoggingConfig").path("LogGroup"))
                        .ifPresent(group -> names.add(token(template.propertiesOf(group).path("LogGroupName")))));
        return names;
    }

    private static Set<String> functionVariable(TranslatedTemplate template, String variable) {
        Set<String> values = new LinkedHashSet<>();
        template.resourcesOfType(LambdaTargets.FUNCTION).values().forEach(function ->
                values.add(token(function.path("Environment").path("Variables").path(variable))));
        return values;
    }

    /** A value as the text a !Sub string would hold: "x", "${Id}" for a Ref, "${Id.Attribute}" for a GetAtt. */
    static String token(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        Optional<String> ref = TranslatedTemplate.refTarget(value);
        if (ref.isPresent()) {
            return "${" + ref.get() + "}";
        }
        JsonNode getAtt = value.path("Fn::GetAtt");
        if (getAtt.isArray() && getAtt.size() == 2) {
            return "${" + getAtt.get(0).asText() + "." + getAtt.get(1).asText() + "}";
        }
        if (getAtt.isTextual()) {
            return "${" + getAtt.asText() + "}";
        }
        JsonNode sub = value.path("Fn::Sub");
        if (sub.isTextual()) {
            return sub.asText();
        }
        if (sub.isArray() && sub.size() > 0 && sub.get(0).isTextual()) {
            return sub.get(0).asText();
        }
        return value.toString();
    }
}
