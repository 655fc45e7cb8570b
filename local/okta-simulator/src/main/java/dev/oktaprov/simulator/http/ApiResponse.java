package dev.oktaprov.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What an endpoint answers.
 *
 * @param body JSON, or null for no body
 * @param links values for Link headers, one header each ({@code <url>; rel="self"})
 * @param headers further headers (a {@code dpop-nonce}, a {@code www-authenticate} challenge)
 */
public record ApiResponse(int status, JsonNode body, List<String> links, List<ResponseHeader> headers) {

    public ApiResponse {
        links = List.copyOf(links);
        headers = List.copyOf(headers);
    }

    public ApiResponse(int status, JsonNode body, List<String> links) {
        this(status, body, links, List.of());
    }

    public static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body, List.of());
    }

    public static ApiResponse page(JsonNode body, String selfUrl, String nextUrl) {
        return nextUrl == null
                ? new ApiResponse(200, body, List.of(link(selfUrl, "self")))
                : new ApiResponse(200, body, List.of(link(selfUrl, "self"), link(nextUrl, "next")));
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, List.of());
    }

    private static String link(String url, String rel) {
        return "<" + url + ">; rel=\"" + rel + "\"";
    }
}
