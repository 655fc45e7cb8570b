package dev.oktaprov.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** moto_server is started on a port it binds itself, so servers started at once never share one. */
class MotoServerTest {

    private static final int AT_ONCE = 3;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void withoutMotoServerTheErrorNamesItHowToInstallItAndTheAlternative(@TempDir Path nowhere) {
        assertThatThrownBy(() -> MotoServer.startOwn(Map.of("PATH", nowhere.toString(), "HOME", nowhere.toString()), Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("moto_server not found on PATH or in ~/.pyenv/shims; install it (pip install 'moto[server]')"
                        + " or set AWS_ENDPOINT_URL");
    }

    @Test
    void serversStartedAtOnceEachListenOnTheirOwnPortAndAnswerAsThemselves() throws Exception {
        assumeTrue(System.getenv("AWS_ENDPOINT_URL") == null, "AWS_ENDPOINT_URL names one server for all");
        List<MotoServer> servers = new ArrayList<>();
        ExecutorService starters = Executors.newFixedThreadPool(AT_ONCE);
        try {
            List<CompletableFuture<MotoServer>> starting = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                starting.add(CompletableFuture.supplyAsync(MotoServer::start, starters));
            }
            for (CompletableFuture<MotoServer> server : starting) {
                servers.add(server.get());
            }
            for (int i = 0; i < AT_ONCE; i++) {
                sqs(servers.get(i).endpoint(), "Action=CreateQueue&QueueName=queue-of-server-" + i);
            }

            assertThat(servers).extracting(server -> server.endpoint().getPort()).doesNotHaveDuplicates();
            for (int i = 0; i < AT_ONCE; i++) {
                String queues = sqs(servers.get(i).endpoint(), "Action=ListQueues");
                assertThat(queues).as("the queues of server %d", i).contains("queue-of-server-" + i)
                        .doesNotContain("queue-of-server-" + (i + 1) % AT_ONCE);
            }
        } finally {
            servers.forEach(MotoServer::close);
            starters.shutdown();
            assertThat(starters.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void isAvailableHereAsEveryOtherTestExpects() {
        assertThat(MotoServer.available()).as("moto_server on PATH or in ~/.pyenv/shims, or AWS_ENDPOINT_URL").isTrue();
    }

    /** An SQS query-API call; moto routes by the credential scope and does not check the signature. */
    private String sqs(URI endpoint, String form) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + MotoServer.ACCESS_KEY + "/20260101/"
                        + MotoServer.REGION + "/sqs/aws4_request, SignedHeaders=host, Signature=0")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
