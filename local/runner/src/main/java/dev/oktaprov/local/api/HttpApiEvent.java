package dev.oktaprov.local.api;

import dev.oktaprov.simulator.http.PercentDecoding;
import dev.oktaprov.simulator.http.QueryParameters;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The event API Gateway's HTTP API sends a Lambda integration, payload format 2.0, for one request:
 * header names lower-cased and repeats comma-joined, cookies moved to {@code cookies}, query
 * parameters and path parameters percent-decoded (repeats comma-joined), {@code rawPath} decoded as
 * HTTP API hands it over, and the body as text for textual content types, base64 otherwise.
 */
final class HttpApiEvent {

    /** The account id local stand-ins use (ElasticMQ and LocalStack use the same). */
    static final String LOCAL_ACCOUNT_ID = "000000000000";
    static final String LOCAL_API_ID = "local";
    static final String STAGE = "$default";

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final Random REQUEST_IDS = new SecureRandom();

    /**
     * What arrived over HTTP.
     *
     * @param rawPath the path as sent, still percent-encoded
     * @param rawQuery the query as sent, without {@code ?}; null when there is none
     * @param headers every header line, names as sent
     */
    record Request(String method, String rawPath, String rawQuery, List<Map.Entry<String, String>> headers,
            byte[] body, String sourceIp, String protocol) {
    }

    private HttpApiEvent() {}

    static String newRequestId() {
        byte[] bytes = new byte[11];
        REQUEST_IDS.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static Map<String, Object> of(Request request, RouteTable.Match<?> route, String requestId, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                for (String cookie : header.getValue().split(";")) {
                    if (!cookie.isBlank()) {
                        cookies.add(cookie.strip());
                    }
                }
            } else {
                headers.merge(name, header.getValue(), (first, next) -> first + "," + next);
            }
        }
        String decodedPath = PercentDecoding.decode(request.rawPath());
        String host = headers.getOrDefault("host", "127.0.0.1");
        String domainName = host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;

        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", request.method());
        http.put("path", decodedPath);
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));

        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", LOCAL_ACCOUNT_ID);
        context.put("apiId", LOCAL_API_ID);
        context.put("domainName", domainName);
        context.put("domainPrefix", domainName.contains(".") ? domainName.substring(0, domainName.indexOf('.')) : domainName);
        context.put("http", http);
        context.put("requestId", requestId);
        context.put("routeKey", route.routeKey());
        context.put("stage", STAGE);
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());

        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", decodedPath);
        event.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());
        if (!cookies.isEmpty()) {
            event.put("cookies", cookies);
        }
        event.put("headers", headers);
        Map<String, String> query = queryStringParameters(request.rawQuery());
        if (!query.isEmpty()) {
            event.put("queryStringParameters", query);
        }
        if (!route.pathParameters().isEmpty()) {
            event.put("pathParameters", new LinkedHashMap<>(route.pathParameters()));
        }
        event.put("requestContext", context);
        boolean hasBody = request.body() != null && request.body().length > 0;
        boolean text = isText(headers.get("content-type"));
        if (hasBody) {
            event.put("body", text ? new String(request.body(), StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(request.body()));
        }
        event.put("isBase64Encoded", hasBody && !text);
        return event;
    }

    /** {@code a=1&a=2&b=x%40y} → {@code {a: "1,2", b: "x@y"}}; a name without {@code =} has an empty value. */
    static Map<String, String> queryStringParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String[] pair : QueryParameters.rawPairs(rawQuery)) {
            parameters.merge(PercentDecoding.decode(pair[0]), PercentDecoding.decode(pair[1]), (first, next) -> first + "," + next);
        }
        return parameters;
    }

    /**
     * HTTP API passes text/* and JSON/XML/JavaScript bodies as text and base64-encodes the rest,
     * form posts and requests without a content type included.
     */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.startsWith("text/")
                || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml")
                || type.equals("application/javascript");
    }
}
