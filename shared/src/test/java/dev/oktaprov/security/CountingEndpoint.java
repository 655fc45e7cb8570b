package dev.oktaprov.security;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback endpoint that counts what reaches it: an HTTP server giving one fixed answer, one
 * passing requests on to a real service, or a socket that accepts each connection and closes it at
 * once (a service that is "there" but never answers). Counting is how a test tells a bounded retry
 * from a storm.
 */
public final class CountingEndpoint implements AutoCloseable {

    private final AtomicInteger hits = new AtomicInteger();
    private final URI uri;
    private final AutoCloseable server;

    private CountingEndpoint(URI uri, AutoCloseable server) {
        this.uri = uri;
        this.server = server;
    }

    /** Answers every request with {@code status}, {@code contentType} and {@code body}. */
    public static CountingEndpoint answering(int status, String contentType, String body) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            CountingEndpoint endpoint = new CountingEndpoint(URI.create("http://127.0.0.1:" + http.getAddress().getPort()),
                    () -> http.stop(0));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            http.createContext("/", exchange -> {
                endpoint.hits.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", contentType);
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            http.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Passes every request on to {@code target} (a real service on loopback) and its answer back. */
    public static CountingEndpoint forwardingTo(URI target) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            CountingEndpoint endpoint = new CountingEndpoint(URI.create("http://127.0.0.1:" + http.getAddress().getPort()),
                    () -> http.stop(0));
            http.createContext("/", exchange -> {
                endpoint.hits.incrementAndGet();
                byte[] body = exchange.getRequestBody().readAllBytes();
                HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                        values.forEach(value -> request.header(name, value));
                    }
                });
                try {
                    HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                    response.headers().map().forEach((name, values) -> {
                        if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.equals(":status")) {
                            exchange.getResponseHeaders().put(name, values);
                        }
                    });
                    exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
                    exchange.getResponseBody().write(response.body());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    exchange.close();
                }
            });
            http.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final java.util.Set<String> RESTRICTED =
            java.util.Set.of("host", "content-length", "connection", "transfer-encoding", "expect", "upgrade", "date");

    /** Accepts connections and closes them without a byte. */
    public static CountingEndpoint hangingUp() {
        try {
            ServerSocket socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
            CountingEndpoint endpoint = new CountingEndpoint(URI.create("http://127.0.0.1:" + socket.getLocalPort()), socket);
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket connection = socket.accept()) {
                        endpoint.hits.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "hanging-up-endpoint");
            acceptor.setDaemon(true);
            acceptor.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers each request with its status line and headers, then never sends the body they promise. */
    public static CountingEndpoint stallingBody() {
        try {
            ServerSocket socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
            CountingEndpoint endpoint = new CountingEndpoint(URI.create("http://127.0.0.1:" + socket.getLocalPort()), socket);
            java.util.List<Socket> open = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket connection = socket.accept();
                        endpoint.hits.incrementAndGet();
                        // Kept open, unread and unanswered past the headers, until the endpoint closes.
                        open.add(connection);
                        connection.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\n"
                                + "Content-Length: 100\r\n\r\n{\"Name\":").getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException closed) {
                        open.forEach(connection -> {
                            try {
                                connection.close();
                            } catch (IOException ignored) {
                                // Closing anyway.
                            }
                        });
                        return;
                    }
                }
            }, "stalling-body-endpoint");
            acceptor.setDaemon(true);
            acceptor.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri() {
        return uri;
    }

    /** Requests (or connections) received so far. */
    public int hits() {
        return hits.get();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
