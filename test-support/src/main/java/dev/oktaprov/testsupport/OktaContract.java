package dev.oktaprov.testsupport;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Okta's Users API contract (the classpath resource {@code okta/users-contract.yaml}, derived from
 * Okta's official spec), as a validator for requests our client sends and answers a simulator gives.
 *
 * <p>{@code validate*} methods throw an {@link AssertionError} listing every violation; {@code check*}
 * methods return the report. The contract covers {@code /api/v1/users...} and
 * {@code /api/v1/groups/{groupId}/users}; see {@link #covers(String, String)}.
 */
public final class OktaContract {

    public static final String RESOURCE = "okta/users-contract.yaml";

    private static volatile OktaContract shared;

    private final OpenApiInteractionValidator validator;

    private OktaContract(String specification) {
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(withResponseDescriptions(specification))
                .withResolveCombinators(true)
                .build();
    }

    /**
     * The derived contract keeps facts only, so its response objects lack the {@code description}
     * OpenAPI requires and the validator refuses to load it. An empty description is put back here.
     */
    static String withResponseDescriptions(String yaml) {
        try {
            ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
            JsonNode root = mapper.readTree(yaml);
            addDescriptions(root.path("components").path("responses"));
            root.path("paths").forEach(pathItem -> pathItem.forEach(operation -> addDescriptions(operation.path("responses"))));
            return new ObjectMapper().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addDescriptions(JsonNode responses) {
        responses.forEach(response -> {
            if (response instanceof ObjectNode object && !object.has("$ref") && !object.has("description")) {
                object.put("description", "");
            }
        });
    }

    /** The contract, parsed once per JVM (parsing takes a while). */
    public static OktaContract load() {
        OktaContract contract = shared;
        if (contract == null) {
            synchronized (OktaContract.class) {
                if (shared == null) {
                    shared = new OktaContract(readResource());
                }
                contract = shared;
            }
        }
        return contract;
    }

    /** Validates a request; {@code uri} may be absolute or a path with a raw (encoded) query. */
    public ValidationReport validateRequest(String method, URI uri, Map<String, List<String>> headers, String body) {
        return orFail(checkRequest(method, uri, headers, body), method + " " + uri.getRawPath());
    }

    public ValidationReport checkRequest(String method, URI uri, Map<String, List<String>> headers, String body) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method.toUpperCase(Locale.ROOT), uri.getPath());
        queryParameters(uri.getRawQuery()).forEach(request::withQueryParam);
        headers(headers).forEach(request::withHeader);
        if (body != null && !body.isEmpty()) {
            request.withBody(body);
        }
        return validator.validateRequest(request.build()).merge(authorization(headers(headers)));
    }

    /**
     * Every Users API operation requires {@code apiToken} or {@code oauth2}; the validator cannot
     * check an either-or with OAuth in it, so the header is checked here.
     */
    private static ValidationReport authorization(Map<String, List<String>> headers) {
        boolean present = headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Authorization"))
                .flatMap(e -> e.getValue().stream())
                .anyMatch(v -> v.startsWith("SSWS ") || v.startsWith("Bearer ") || v.startsWith("DPoP "));
        return present ? ValidationReport.empty() : ValidationReport.singleton(ValidationReport.Message
                .create("validation.request.security.missing",
                        "No Authorization header with SSWS, Bearer or DPoP credentials (required: apiToken or oauth2)")
                .build());
    }

    /** Validates an answer to {@code method path} ({@code path} as sent, e.g. {@code /api/v1/users/00u1}). */
    public ValidationReport validateResponse(String method, String path, int status, Map<String, List<String>> headers, String body) {
        return orFail(checkResponse(method, path, status, headers, body), method + " " + path + " -> " + status);
    }

    public ValidationReport checkResponse(String method, String path, int status, Map<String, List<String>> headers, String body) {
        SimpleResponse.Builder response = new SimpleResponse.Builder(status);
        headers(headers).forEach(response::withHeader);
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        return validator.validateResponse(path, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), response.build());
    }

    /** Whether the contract describes {@code method path} at all. */
    public boolean covers(String method, String path) {
        SimpleRequest request = new SimpleRequest.Builder(method.toUpperCase(Locale.ROOT), path)
                .withHeader("Authorization", "SSWS contract-probe").build();
        return validator.validateRequest(request).getMessages().stream()
                .noneMatch(m -> m.getKey().equals("validation.request.path.missing")
                        || m.getKey().equals("validation.request.operation.notAllowed"));
    }

    /** Readable lines, one per error: {@code key: message}. */
    public static String describe(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> describe(m, "  "))
                .collect(Collectors.joining("\n"));
    }

    private static String describe(ValidationReport.Message m, String indent) {
        StringBuilder line = new StringBuilder(indent).append(m.getKey()).append(": ").append(m.getMessage());
        m.getContext().flatMap(c -> c.getParameter()).ifPresent(p -> line.append(" (").append(p.getIn())
                .append(" parameter ").append(p.getName()).append(")"));
        m.getContext().flatMap(c -> c.getPointers()).ifPresent(p -> line.append(" at ").append(p.getInstance()));
        for (ValidationReport.Message nested : m.getNestedMessages()) {
            line.append("\n").append(describe(nested, indent + "  - "));
        }
        return line.toString();
    }

    private static ValidationReport orFail(ValidationReport report, String what) {
        if (report.hasErrors()) {
            throw new AssertionError("Okta contract violated by " + what + ":\n" + describe(report));
        }
        return report;
    }

    private static Map<String, List<String>> queryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        return java.util.Arrays.stream(rawQuery.split("&"))
                .filter(pair -> !pair.isEmpty())
                .collect(Collectors.groupingBy(
                        pair -> decode(pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair),
                        java.util.LinkedHashMap::new,
                        Collectors.mapping(pair -> pair.contains("=") ? decode(pair.substring(pair.indexOf('=') + 1)) : "",
                                Collectors.toList())));
    }

    private static Map<String, List<String>> headers(Map<String, List<String>> headers) {
        return headers == null ? Map.of() : headers;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String readResource() {
        try (InputStream in = OktaContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
