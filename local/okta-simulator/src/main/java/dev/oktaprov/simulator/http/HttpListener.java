package dev.oktaprov.simulator.http;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import org.xnio.IoUtils;
import org.xnio.Options;

/**
 * Undertow on 127.0.0.1, plain HTTP/1.1 or TLS. The I/O threads accept, parse and read each body
 * (without blocking); then the request goes to {@code handler} on one of {@code threads} worker
 * threads, which may block (injected latency) but do no blocking I/O: the answer is sent
 * asynchronously. Blocking I/O would give every worker thread a selector of its own (two file
 * descriptors each). The workers are a plain pool of daemon threads that grows to its size under
 * any load and shrinks when idle, as the JDK server's pool did: tests that count threads and file
 * descriptors before and after a load see the same pool.
 * Undertow because it writes response header names exactly as given: Okta's are lower-case, and
 * the JDK server capitalises them. Keep-alive as any HTTP/1.1 server; no Date, Server or
 * Connection header of its own (the simulator writes its own {@code date}).
 */
final class HttpListener implements HttpHandler {

    private static final String HOST = "127.0.0.1";
    private static final int IO_THREADS = 2;
    /** Undertow's own workers only run TLS handshake tasks; requests go to {@link #workers}. */
    private static final int UNDERTOW_WORKER_THREADS = 2;
    /** Held: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final List<Logger> QUIETED = new ArrayList<>();

    static {
        // Undertow and XNIO announce every start and stop at INFO: noise in tests and in ./run-local.
        // Through java.util.logging (unless the embedding JVM chose a provider), warnings only.
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "jdk");
        }
        for (String name : List.of("io.undertow", "org.xnio", "org.jboss.threads")) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.WARNING);
            QUIETED.add(logger);
        }
    }

    private final Consumer<Exchange> handler;
    private final int maxBodyBytes;
    private final ThreadPoolExecutor workers;
    private final Undertow server;
    private final int port;

    /**
     * @param tls null for plain HTTP
     * @param maxBodyBytes bodies are kept up to one byte more than this (the rest is read and dropped)
     */
    HttpListener(int port, int threads, SSLContext tls, int maxBodyBytes, Consumer<Exchange> handler) {
        this.handler = handler;
        this.maxBodyBytes = maxBodyBytes;
        this.workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemonThreads());
        workers.allowCoreThreadTimeOut(true);
        Undertow.Builder builder = Undertow.builder()
                .setIoThreads(IO_THREADS)
                .setWorkerThreads(UNDERTOW_WORKER_THREADS)
                .setWorkerOption(Options.THREAD_DAEMON, true)
                .setWorkerOption(Options.WORKER_NAME, "okta-simulator")
                .setSocketOption(Options.BACKLOG, 128)
                .setServerOption(UndertowOptions.ALWAYS_SET_DATE, false)
                .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
                // Paths and queries reach the endpoints as sent: they decode segment by segment, like Okta.
                .setServerOption(UndertowOptions.DECODE_URL, false)
                .setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, true)
                .setServerOption(UndertowOptions.ALLOW_ENCODED_SLASH, true)
                .setServerOption(UndertowOptions.ENABLE_HTTP2, false)
                .setHandler(this);
        if (tls == null) {
            builder.addHttpListener(port, HOST);
        } else {
            builder.addHttpsListener(port, HOST, tls);
        }
        this.server = builder.build();
        try {
            server.start();
        } catch (RuntimeException e) {
            server.stop();
            workers.shutdownNow();
            throw e;
        }
        this.port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    int port() {
        return port;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        exchange.getRequestReceiver().receivePartialBytes((current, bytes, last) -> {
            body.write(bytes, 0, Math.min(bytes.length, Math.max(0, maxBodyBytes + 1 - body.size())));
            if (last) {
                // The pipeline may wait (injected latency): off the I/O thread it goes.
                current.dispatch(workers, () -> handler.accept(new Exchange(current, body.toByteArray())));
            }
        }, (current, error) -> IoUtils.safeClose(current.getConnection()));
    }

    /** Stops listening; requests in flight are cut off. */
    void close() {
        server.stop();
        workers.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "okta-simulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
