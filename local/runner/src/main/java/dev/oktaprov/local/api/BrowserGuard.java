package dev.oktaprov.local.api;

import com.sun.net.httpserver.Headers;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps web pages away from the local API. It listens on loopback only, but a browser sends a page's
 * requests to loopback too, and the API may front a real Okta org ({@code ./run-local} with
 * {@code OKTA_ORG_URL}). So a request is refused when:
 * <ul>
 * <li>its {@code Host} is not 127.0.0.1, localhost or [::1] on this port (a name rebound to
 *     127.0.0.1 by a hostile DNS server arrives with that name);</li>
 * <li>it comes from another site ({@code Sec-Fetch-Site: cross-site}) or another origin (an
 *     {@code Origin} other than this API's own, {@code null} included);</li>
 * <li>it is a POST whose {@code Content-Type} is not {@code application/json}: the types a page may
 *     send without a CORS preflight (forms, text) never reach a function, and the preflight itself
 *     gets no CORS answer.</li>
 * </ul>
 */
final class BrowserGuard {

    /** A refused request's answer, in HTTP API's {@code {"message": …}} shape. */
    record Refusal(int status, String message) {}

    private final List<String> hosts;
    private final List<String> origins;

    BrowserGuard(int port) {
        this.hosts = List.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
        this.origins = hosts.stream().map(host -> "http://" + host).toList();
    }

    /** Whether a request with {@code headers} may be served at all, whatever its route. */
    Optional<Refusal> checkSource(Headers headers) {
        String host = headers.getFirst("Host");
        if (host == null || !hosts.contains(host.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of(new Refusal(403, "Forbidden: the local API answers only to Host " + String.join(", ", hosts)));
        }
        String site = headers.getFirst("Sec-Fetch-Site");
        if (site != null && site.strip().equalsIgnoreCase("cross-site")) {
            return Optional.of(new Refusal(403, "Forbidden: the local API does not answer other sites' pages"));
        }
        String origin = headers.getFirst("Origin");
        if (origin != null && !origins.contains(origin.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of(new Refusal(403, "Forbidden: the local API does not answer other origins' pages"));
        }
        return Optional.empty();
    }

    /** Whether a request for a function may carry its body: a POST must say it is JSON. */
    Optional<Refusal> checkBody(String method, Headers headers) {
        if (!method.equals("POST")) {
            return Optional.empty();
        }
        String type = headers.getFirst("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") ? Optional.empty()
                : Optional.of(new Refusal(415, "Unsupported Media Type: send the body as Content-Type: application/json"));
    }
}
