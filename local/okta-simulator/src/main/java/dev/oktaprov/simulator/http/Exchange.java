package dev.oktaprov.simulator.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xnio.IoUtils;

/**
 * One request and its answer on a worker thread, in blocking mode: what the simulator's pipeline
 * needs from the HTTP server and nothing more, so that the pipeline does not depend on it.
 */
public final class Exchange {

    private static final HttpString CONTENT_LENGTH = new HttpString("content-length");
    private static final HttpString CONNECTION = new HttpString("connection");

    private final HttpServerExchange exchange;

    Exchange(HttpServerExchange exchange) {
        this.exchange = exchange;
    }

    public String method() {
        return exchange.getRequestMethod().toString();
    }

    /** The path as sent, still percent-encoded. */
    public String rawPath() {
        return exchange.getRequestPath();
    }

    /** The query as sent, still percent-encoded; null when the URL has none. */
    public String rawQuery() {
        String query = exchange.getQueryString();
        return query == null || query.isEmpty() ? null : query;
    }

    public RequestHeaders headers() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            headers.put(values.getHeaderName().toString(), List.copyOf(values));
        }
        return new RequestHeaders(headers);
    }

    /** Up to {@code max} bytes of the body (more means the body is larger than {@code max}). */
    public byte[] body(int max) throws IOException {
        try (InputStream in = exchange.getInputStream()) {
            return in.readNBytes(max);
        }
    }

    /**
     * Sends the answer with {@code headers} named exactly as given, then {@code content-length}
     * (omitted, like the body, when {@code body} is null).
     */
    public void respond(int status, List<ResponseHeader> headers, byte[] body) throws IOException {
        exchange.setStatusCode(status);
        headers.forEach(header -> exchange.getResponseHeaders().add(new HttpString(header.name()), header.value()));
        // Undertow writes Connection itself when it must; named here first, the name stays lower-case.
        if (!exchange.isPersistent()) {
            exchange.getResponseHeaders().put(CONNECTION, "close");
        } else if (exchange.isHttp10()) {
            exchange.getResponseHeaders().put(CONNECTION, "keep-alive");
        }
        if (body == null) {
            return;
        }
        exchange.getResponseHeaders().put(CONTENT_LENGTH, body.length);
        try (OutputStream out = exchange.getOutputStream()) {
            out.write(body);
        }
    }

    /** Closes the connection without an answer, as a network failure would. */
    public void drop() {
        IoUtils.safeClose(exchange.getConnection());
    }
}
