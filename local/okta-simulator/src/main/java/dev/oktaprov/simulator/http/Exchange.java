package dev.oktaprov.simulator.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xnio.IoUtils;

/**
 * One request, its body already read, and its answer, on a worker thread: what the simulator's
 * pipeline needs from the HTTP server and nothing more, so that the pipeline does not depend on it.
 */
public final class Exchange {

    private static final HttpString CONTENT_LENGTH = new HttpString("content-length");
    private static final HttpString CONNECTION = new HttpString("connection");

    private final HttpServerExchange exchange;
    private final byte[] body;

    Exchange(HttpServerExchange exchange, byte[] body) {
        this.exchange = exchange;
        this.body = body;
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

    /** The body, cut one byte past the listener's maximum (longer means too long). */
    public byte[] body() {
        return body.clone();
    }

    /**
     * Sends the answer with {@code headers} named exactly as given, then {@code content-length}
     * (omitted, like the body, when {@code body} is null).
     */
    public void respond(int status, List<ResponseHeader> headers, byte[] answer) {
        exchange.setStatusCode(status);
        headers.forEach(header -> exchange.getResponseHeaders().add(new HttpString(header.name()), header.value()));
        // Undertow writes Connection itself when it must; named here first, the name stays lower-case.
        if (!exchange.isPersistent()) {
            exchange.getResponseHeaders().put(CONNECTION, "close");
        } else if (exchange.isHttp10()) {
            exchange.getResponseHeaders().put(CONNECTION, "keep-alive");
        }
        if (answer == null) {
            exchange.endExchange();
            return;
        }
        exchange.getResponseHeaders().put(CONTENT_LENGTH, answer.length);
        // Sent without blocking: the I/O thread finishes the write if the socket is full.
        exchange.getResponseSender().send(ByteBuffer.wrap(answer));
    }

    /** Closes the connection without an answer, as a network failure would. */
    public void drop() {
        IoUtils.safeClose(exchange.getConnection());
    }
}
