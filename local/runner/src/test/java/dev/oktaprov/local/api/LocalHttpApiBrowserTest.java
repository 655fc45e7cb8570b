package dev.oktaprov.local.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oktaprov.local.functions.FunctionCounters;
import dev.oktaprov.local.functions.FunctionSpec;
import dev.oktaprov.local.functions.LocalFunction;
import dev.oktaprov.testsupport.StreamInvocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * The local API as a web page would reach it: raw HTTP/1.1 on a socket, so Host, Origin,
 * Sec-Fetch-Site and Content-Type are exactly what a browser (or a rebound DNS name) sends. A refused
 * request never reaches a function.
 */
class LocalHttpApiBrowserTest {

    private final AtomicInteger invocations = new AtomicInteger();
    private final List<String> log = new ArrayList<>();
    private LocalHttpApi api;

    @BeforeEach
    void start() {
        RequestHandler<Map<String, Object>, Map<String, Object>> counting = (Map<String, Object> event, Context context) -> {
            invocations.incrementAndGet();
            return Map.of("statusCode", 200, "body", "{}");
        };
        Map<String, LocalFunction> functions = new LinkedHashMap<>();
        functions.put("POST /users", function("create-user", counting));
        functions.put("GET /users", function("list-users", counting));
        api = LocalHttpApi.start(0, functions, "eu-west-1", Clock.systemUTC(), log::add);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @ParameterizedTest(name = "Host: {0}")
    @ValueSource(strings = {"127.0.0.1:PORT", "localhost:PORT", "LOCALHOST:PORT", "[::1]:PORT"})
    void aLoopbackHostOnThisPortIsServed(String host) throws IOException {
        assertThat(status("GET /users HTTP/1.1\r\nHost: " + host.replace("PORT", port()) + "\r\n\r\n")).isEqualTo(200);
        assertThat(invocations).hasValue(1);
    }

    @ParameterizedTest(name = "Host: {0}")
    @ValueSource(strings = {"attacker.example:PORT", "attacker.example", "127.0.0.1", "127.0.0.1:1", "localhost.attacker.example:PORT",
        "127.0.0.2:PORT"})
    void anyOtherHostIsRefusedAsADnsRebindingWouldArrive(String host) throws IOException {
        assertThat(status("GET /users HTTP/1.1\r\nHost: " + host.replace("PORT", port()) + "\r\n\r\n")).isEqualTo(403);
        assertThat(invocations).hasValue(0);
    }

    @Test
    void aRequestWithoutHostIsRefused() throws IOException {
        assertThat(status("GET /users HTTP/1.0\r\n\r\n")).isEqualTo(403);
        assertThat(invocations).hasValue(0);
    }

    @ParameterizedTest(name = "Origin: {0}")
    @ValueSource(strings = {"https://attacker.example", "null", "http://localhost:5173", "http://127.0.0.1", "https://127.0.0.1:PORT"})
    void anotherOriginIsRefused(String origin) throws IOException {
        assertThat(status(post("Origin: " + origin.replace("PORT", port()) + "\r\nContent-Type: application/json\r\n"))).isEqualTo(403);
        assertThat(status(get("Origin: " + origin.replace("PORT", port()) + "\r\n"))).isEqualTo(403);
        assertThat(invocations).hasValue(0);
    }

    @Test
    void thisApisOwnOriginIsServed() throws IOException {
        assertThat(status(post("Origin: http://127.0.0.1:" + port() + "\r\nContent-Type: application/json\r\n"))).isEqualTo(200);
        assertThat(status(get("Origin: http://localhost:" + port() + "\r\nSec-Fetch-Site: same-origin\r\n"))).isEqualTo(200);
        assertThat(invocations).hasValue(2);
    }

    @Test
    void aCrossSiteFetchIsRefusedEvenWithoutAnOrigin() throws IOException {
        assertThat(status(get("Sec-Fetch-Site: cross-site\r\n"))).isEqualTo(403);
        assertThat(invocations).hasValue(0);
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/jsonp", "text/json"})
    void aPostThatIsNotJsonIs415(String type) throws IOException {
        assertThat(status(post(type.isEmpty() ? "" : "Content-Type: " + type + "\r\n"))).isEqualTo(415);
        assertThat(invocations).hasValue(0);
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON"})
    void aJsonPostIsServed(String type) throws IOException {
        assertThat(status(post("Content-Type: " + type + "\r\n"))).isEqualTo(200);
        assertThat(invocations).hasValue(1);
    }

    @Test
    void refusalsAreLogged() throws IOException {
        status(post("Content-Type: text/plain\r\n"));

        assertThat(log).anySatisfy(line -> assertThat(line).contains("refused POST /users").contains("415").doesNotContain("{}"));
    }

    private String port() {
        return Integer.toString(api.port());
    }

    private String get(String headers) {
        return "GET /users HTTP/1.1\r\nHost: 127.0.0.1:" + port() + "\r\n" + headers + "Connection: close\r\n\r\n";
    }

    private String post(String headers) {
        return "POST /users HTTP/1.1\r\nHost: 127.0.0.1:" + port() + "\r\n" + headers
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}";
    }

    /** Sends {@code request} as it is and answers the status of the response's first line. */
    private int status(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), api.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                line.append((char) b);
            }
            return Integer.parseInt(line.toString().split(" ")[1]);
        }
    }

    private static LocalFunction function(String name, RequestHandler<Map<String, Object>, ?> handler) {
        return new LocalFunction(new FunctionSpec(name, handler.getClass().getName(), Duration.ofSeconds(20), 1024),
                StreamInvocation.ofMaps(handler), new FunctionCounters(MetricsFactory.getMetricsInstance()));
    }
}
