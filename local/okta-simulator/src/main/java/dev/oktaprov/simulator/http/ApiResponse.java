package dev.oktaprov.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What an endpoint answers.
 *
 * @param body JSON, or null for no body
 * @param links values for Link headers, one header each ({@code <url>; rel="self"})
 */
public record ApiResponse(int status, JsonNode body, List<String> links) {

    public ApiResponse {
        links = List.copyOf(links);
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
