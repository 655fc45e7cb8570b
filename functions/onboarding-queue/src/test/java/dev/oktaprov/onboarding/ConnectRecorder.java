package dev.oktaprov.onboarding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The JVM's default proxy for AWS hosts, while it is open: a loopback server that notes the host of
 * each {@code CONNECT} and hangs up. What the JDK's HTTP client sends to an AWS endpoint (the
 * functions' Secrets Manager reads) thus stops on this machine, after the jar resolved the endpoint
 * itself. Other hosts go direct, as before.
 */
final class ConnectRecorder implements AutoCloseable {

    private final ServerSocket server;
    private final ProxySelector previous = ProxySelector.getDefault();
    private final List<String> hosts = new CopyOnWriteArrayList<>();

    ConnectRecorder() {
        try {
            server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread accepting = new Thread(this::accept, "connect-recorder");
        accepting.setDaemon(true);
        accepting.start();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return uri.getHost() != null && uri.getHost().endsWith(".amazonaws.com")
                        ? List.of(new Proxy(Proxy.Type.HTTP, address)) : List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            }
        });
    }

    /** The {@code host:port} of every CONNECT so far. */
    List<String> hosts() {
        return List.copyOf(hosts);
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                StringBuilder line = new StringBuilder();
                for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                    line.append((char) b);
                }
                String[] parts = line.toString().strip().split(" ");
                if (parts.length >= 2 && parts[0].equals("CONNECT")) {
                    hosts.add(parts[1]);
                }
                socket.getOutputStream().write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // Closed, or a client that hung up first: nothing to note.
            }
        }
    }

    @Override
    public void close() {
        ProxySelector.setDefault(previous);
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
