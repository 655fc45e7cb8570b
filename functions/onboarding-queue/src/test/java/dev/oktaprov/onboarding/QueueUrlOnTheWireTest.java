package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue URL a re-send names, as it leaves on the wire. ElasticMQ and moto_server find a queue by the account
 * and name whatever the URL's host, so only the recorded request shows that the endpoint override is used:
 * an emulator that does read the host (and SQS itself, for a regional URL) needs the URL under it.
 */
class QueueUrlOnTheWireTest {

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private HttpServer sqs;

    @BeforeEach
    void startRecordingSqs() throws IOException {
        sqs = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sqs.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "{\"Successful\":[{\"Id\":\"0\",\"MessageId\":\"copy-1\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        sqs.start();
    }

    @AfterEach
    void stop() {
        sqs.stop(0);
    }

    @Test
    void aCopyIsSentToTheQueueUnderTheEndpointOverride() {
        String endpoint = "http://127.0.0.1:" + sqs.getAddress().getPort();
        SqsCalls calls = SqsClients.fromEnvironment(Map.of("AWS_ENDPOINT_URL_SQS", endpoint, "AWS_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "not-a-real-secret"));
        QueueMessage message = new QueueMessage("m-1", "receipt-1", "{\"login\":\"a@example.com\"}", 1, null, Map.of());

        SourceQueue queue = SourceQueue.of(calls, "arn:aws:sqs:eu-west-1:123456789012:onboarding");
        assertThat(queue.resend(Map.of(message, new SourceQueue.Copy(Duration.ofSeconds(30), 1)))).containsExactly("m-1");

        assertThat(bodies).singleElement().asString()
                .contains("\"QueueUrl\":\"" + endpoint + "/123456789012/onboarding\"");
    }
}
