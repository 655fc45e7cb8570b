package dev.oktaprov.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * A CloudFormation template as JSON (after the SAM transform) and the directory the SAM template
 * came from, against which local artifact paths resolve; {@code builtCode} holds, as after
 * `sam build`, the artifacts directory of each function that was built (see {@link SamBuild}).
 */
record TranslatedTemplate(Path directory, JsonNode json, Map<String, Path> builtCode) {

    TranslatedTemplate(Path directory, JsonNode json) {
        this(directory, json, Map.of());
    }

    /** As `sam build` leaves it: these functions' code is now their artifacts. */
    TranslatedTemplate withBuiltCode(Map<String, Path> built) {
        Map<String, Path> all = new LinkedHashMap<>(builtCode);
        all.putAll(built);
        return new TranslatedTemplate(directory, json, Map.copyOf(all));
    }

    /** translate_sam.py uploads nothing: it names local files s3://local-artifacts/PATH. */
    static final String LOCAL_ARTIFACTS_BUCKET = "local-artifacts";

    JsonNode resources() {
        return json.path("Resources");
    }

    String typeOf(String logicalId) {
        return resources().path(logicalId).path("Type").asText("");
    }

    JsonNode propertiesOf(String logicalId) {
        return resources().path(logicalId).path("Properties");
    }

    /** Logical id to Properties of every resource of one type, in template order. */
    Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        resources().fields().forEachRemaining(entry -> {
            if (type.equals(entry.getValue().path("Type").asText())) {
                found.put(entry.getKey(), entry.getValue().path("Properties"));
            }
        });
        return found;
    }

    /** {"Ref": "X"} to X. */
    static Optional<String> refTarget(JsonNode node) {
        JsonNode ref = node.path("Ref");
        return node.size() == 1 && ref.isTextual() ? Optional.of(ref.asText()) : Optional.empty();
    }

    /** {"Fn::GetAtt": ["X", "Arn"]} or {"Fn::GetAtt": "X.Arn"} to X. */
    static Optional<String> getAttTarget(JsonNode node) {
        JsonNode getAtt = node.path("Fn::GetAtt");
        if (getAtt.isArray() && getAtt.size() == 2) {
            return Optional.of(getAtt.get(0).asText());
        }
        if (getAtt.isTextual() && getAtt.asText().contains(".")) {
            return Optional.of(getAtt.asText().substring(0, getAtt.asText().indexOf('.')));
        }
        return Optional.empty();
    }

    /** The logical id a Ref or GetAtt points at. */
    static Optional<String> referencedResource(JsonNode node) {
        return refTarget(node).or(() -> getAttTarget(node));
    }

    /** A literal number, or every value a referenced Number parameter allows; empty if neither. */
    Optional<NumberRange> numberRange(JsonNode node) {
        if (node.isNumber()) {
            return Optional.of(NumberRange.exactly(node.asLong()));
        }
        if (node.isTextual() && node.asText().matches("-?\\d+")) {
            return Optional.of(NumberRange.exactly(Long.parseLong(node.asText())));
        }
        return refTarget(node).map(name -> json.path("Parameters").path(name))
                .filter(parameter -> !parameter.isMissingNode())
                .flatMap(TranslatedTemplate::parameterRange);
    }

    private static Optional<NumberRange> parameterRange(JsonNode parameter) {
        JsonNode allowed = parameter.path("AllowedValues");
        if (allowed.isArray() && allowed.size() > 0) {
            long min = StreamSupport.stream(allowed.spliterator(), false).mapToLong(JsonNode::asLong).min().orElseThrow();
            long max = StreamSupport.stream(allowed.spliterator(), false).mapToLong(JsonNode::asLong).max().orElseThrow();
            return Optional.of(new NumberRange(min, max));
        }
        JsonNode fallback = parameter.path("Default");
        JsonNode min = parameter.path("MinValue").isMissingNode() ? fallback : parameter.path("MinValue");
        JsonNode max = parameter.path("MaxValue").isMissingNode() ? fallback : parameter.path("MaxValue");
        if (min.isMissingNode() || max.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(new NumberRange(min.asLong(), max.asLong()));
    }

    /** The local file behind an S3 location that translate_sam.py wrote; empty for a real S3 object. */
    Optional<Path> localArtifact(String bucket, String key) {
        if (!LOCAL_ARTIFACTS_BUCKET.equals(bucket) || key.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(directory.resolve(key).normalize());
    }

    /** What `sam deploy` uploads for an AWS::Lambda::Function: its built artifacts, else the jar (or directory) at CodeUri. */
    Optional<Path> functionCode(String functionLogicalId) {
        if (builtCode.containsKey(functionLogicalId)) {
            return Optional.of(builtCode.get(functionLogicalId));
        }
        return sourceCode(functionLogicalId);
    }

    /** The local file or directory an AWS::Lambda::Function's CodeUri names, before any build. */
    Optional<Path> sourceCode(String functionLogicalId) {
        JsonNode code = propertiesOf(functionLogicalId).path("Code");
        return localArtifact(code.path("S3Bucket").asText(""), code.path("S3Key").asText(""));
    }

    /** The function's {@code Metadata: BuildMethod} (e.g. "makefile"), or "" when SAM picks the builder. */
    String buildMethod(String functionLogicalId) {
        return resources().path(functionLogicalId).path("Metadata").path("BuildMethod").asText("");
    }

    /** The AWS::Lambda::Function an AWS::Lambda::Alias belongs to. */
    Optional<String> functionOfAlias(String aliasLogicalId) {
        return refTarget(propertiesOf(aliasLogicalId).path("FunctionName"));
    }
}
